package org.assistx.gateway.partner;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.crypto.Pem;

/**
 * The integrator's command: checks partner folders before they go live, without starting the gateway.
 *
 * <pre>
 * java -jar target/assistx-gateway.jar validate-partner routes/partners/guangdong-44 [more folders] [--crl file.pem]
 * mvn -q spring-boot:run -Dspring-boot.run.arguments="validate-partner routes/partners/guangdong-44"
 * </pre>
 *
 * Prints each check that passed and each problem (file, field, what is wrong); exit status 0 when every
 * folder is valid, 1 when any is not, 2 for a usage error.
 */
public final class PartnerCheck {

    public static final String COMMAND = "validate-partner";

    private PartnerCheck() {
    }

    /** Runs the command on its arguments (the command name already removed); returns the exit status. */
    public static int run(List<String> args, PrintStream out) {
        List<Path> folders = new ArrayList<>();
        List<java.security.cert.X509CRL> crls = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--crl") && i + 1 < args.size()) {
                crls.add(Pem.readCrl(Path.of(args.get(++i))));
            } else if (a.startsWith("-")) {
                return usage(out, "unknown option " + a);
            } else {
                folders.add(Path.of(a));
            }
        }
        if (folders.isEmpty()) {
            return usage(out, "name at least one partner folder");
        }
        PartnerValidator validator = new PartnerValidator(crls);
        int invalid = 0;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                out.println("PROBLEM " + folder + ": not a folder");
                invalid++;
                continue;
            }
            PartnerValidator.Report report = validator.validate(folder);
            report.passed().forEach(p -> out.println("OK      " + p));
            report.problems().forEach(p -> out.println("PROBLEM " + p));
            out.println((report.ok() ? "VALID   " : "INVALID ") + folder + " (" + report.passed().size() + " checks passed, "
                    + report.problems().size() + " problem(s))");
            if (!report.ok()) {
                invalid++;
            }
        }
        return invalid == 0 ? 0 : 1;
    }

    private static int usage(PrintStream out, String why) {
        out.println(why);
        out.println("usage: " + COMMAND + " <partner folder>... [--crl <crl.pem>]");
        return 2;
    }
}
