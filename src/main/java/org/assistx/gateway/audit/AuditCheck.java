package org.assistx.gateway.audit;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.assistx.gateway.crypto.CryptoException;
import org.assistx.gateway.crypto.StoreCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code java -jar assistx-gateway.jar verify-audit [--db-url=… --db-user=… --db-password=…]}: the check of
 * the audit chain without starting the gateway. The database is the one the gateway uses: the options, else
 * {@code ASSISTX_DB_URL} / {@code ASSISTX_DB_USER} / {@code ASSISTX_DB_PASSWORD}, else the default H2 file
 * under {@code ASSISTX_DATA_DIR} (default {@code ./data}; stop the gateway first, H2 allows one process).
 * Envelopes sealed at rest are opened with the store keys from {@code ASSISTX_STORE_KEY} and
 * {@code ASSISTX_STORE_PREVIOUS_KEYS}, as the gateway reads them (the chain hashes plaintext).
 * After retention cut the oldest entries, the check starts from the stored cut ({@code audit_retention}).
 * Exit code 0: intact; 1: broken (the first broken entry is printed); 2: the check could not run.
 */
public final class AuditCheck {

    public static final String COMMAND = "verify-audit";

    private AuditCheck() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out) {
        String url = option(args, "--db-url", env.get("ASSISTX_DB_URL"));
        if (url == null || url.isBlank()) {
            String dataDir = env.getOrDefault("ASSISTX_DATA_DIR", "./data");
            // H2 refuses a path relative to the working directory without ./, so make it absolute
            url = "jdbc:h2:file:" + java.nio.file.Path.of(dataDir).toAbsolutePath().normalize()
                    + "/h2/assistx;IFEXISTS=TRUE";
        }
        String user = option(args, "--db-user", env.getOrDefault("ASSISTX_DB_USER", "sa"));
        String password = option(args, "--db-password", env.getOrDefault("ASSISTX_DB_PASSWORD", ""));
        AuditLog.Verification v;
        java.util.Optional<AuditLog.Anchor> anchor;
        try {
            DriverManagerDataSource ds = new DriverManagerDataSource(url, user, password);
            StoreCipher cipher = StoreCipher.fromSettings(false, env.get("ASSISTX_STORE_KEY"),
                    env.get("ASSISTX_STORE_PREVIOUS_KEYS"));
            AuditLog audit = new AuditLog(new JdbcTemplate(ds), Clock.systemUTC(), cipher);
            v = audit.verify();
            anchor = audit.anchor();
        } catch (org.springframework.dao.DataAccessException e) {
            out.println("verify-audit: cannot read the audit log: " + e.getMostSpecificCause().getMessage());
            return 2;
        } catch (CryptoException e) {
            out.println("verify-audit: " + e.code() + ": " + e.getMessage());
            return 2;
        }
        if (v.intact()) {
            out.println("audit chain intact: " + v.entries() + " entries, head " + v.headHash()
                    + anchor.map(a -> "; entries 1.." + a.seq() + " removed by retention").orElse(""));
            return 0;
        }
        AuditLog.Broken b = v.firstBroken();
        out.println("audit chain BROKEN at entry " + b.seq() + " (" + b.kind() + " " + b.refId() + "): " + b.reason()
                + "; " + v.entries() + " entries");
        return 1;
    }

    private static String option(List<String> args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
