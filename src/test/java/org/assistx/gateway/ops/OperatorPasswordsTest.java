package org.assistx.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class OperatorPasswordsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input) throws Exception {
        return OperatorPasswords.run(new BufferedReader(new StringReader(input)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsABcryptHashTheLoginAccepts() throws Exception {
        assertThat(run("night shift 0200\n")).isZero();
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(hash).startsWith("{bcrypt}$2a$10$");
        PasswordEncoder logins = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        assertThat(logins.matches("night shift 0200", hash)).isTrue();
        assertThat(logins.matches("night shift 0201", hash)).isFalse();
    }

    @Test
    void refusesAShortOrMissingPassword() throws Exception {
        assertThat(run("short\n")).isEqualTo(2);
        assertThat(run("")).isEqualTo(2);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("at least 12 characters");
    }

    @Test
    void theLoginRefusesToStartWithAHashItCannotCheck() throws Exception {
        run("night shift 0200\n");
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(SecurityConfiguration.HASHED.matcher(hash).lookingAt()).isTrue();
        // the bare bcrypt string (no {bcrypt}) failed every login with HTTP 500 instead of stopping the start
        assertThat(SecurityConfiguration.HASHED.matcher(hash.substring("{bcrypt}".length())).lookingAt()).isFalse();
        assertThat(SecurityConfiguration.HASHED.matcher("{noop}night shift 0200").lookingAt()).isFalse();
        assertThat(SecurityConfiguration.HASHED.matcher("{bcrypt}night shift 0200").lookingAt()).isFalse();
        assertThat(SecurityConfiguration.HASHED.matcher(hash + "\n").lookingAt()).isFalse();
    }
}
