package org.assistx.gateway.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * {@code java -jar assistx-gateway.jar hash-password}: reads an operator's password from standard input (so it
 * stays out of the shell's history and the process list) and prints the hash for
 * {@code ASSISTX_OPS_OPERATOR_PASSWORD_HASH} / {@code ASSISTX_OPS_VIEWER_PASSWORD_HASH} in the form the gateway
 * checks logins with ({@code {bcrypt}$2a$10$…}, Spring Security's delegating encoder).
 */
public final class OperatorPasswords {

    public static final String COMMAND = "hash-password";

    /** Shorter passwords are refused: the console and ops API can replay and discard messages. */
    static final int MINIMUM_LENGTH = 12;

    private OperatorPasswords() {
    }

    /** Exit code 0 with the hash on {@code out}; 2 with the reason on {@code err} for a password too short. */
    public static int run(BufferedReader in, PrintStream out, PrintStream err) throws IOException {
        String password = in.readLine();
        if (password == null || password.strip().length() < MINIMUM_LENGTH) {
            err.println(COMMAND + ": give a password of at least " + MINIMUM_LENGTH + " characters on standard input");
            return 2;
        }
        out.println(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password.strip()));
        return 0;
    }
}
