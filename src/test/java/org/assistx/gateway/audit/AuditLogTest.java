package org.assistx.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assistx.gateway.TestDatabase;
import org.assistx.gateway.crypto.StoreCipher;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit chain on a real database with the real migrations, and the offline {@code verify-audit} command. */
class AuditLogTest {

    private static final String KEY = "k1:00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    String url;
    JdbcTemplate jdbc;
    AuditLog audit;
    TransactionTemplate tx;

    @BeforeEach
    void database() {
        DriverManagerDataSource ds;
        if (TestDatabase.postgresql()) {
            url = TestDatabase.freshSchema("audit");
            ds = new DriverManagerDataSource(url, TestDatabase.user(), TestDatabase.password());
        } else {
            url = "jdbc:h2:file:" + dir.resolve("audit") + ";DB_CLOSE_ON_EXIT=FALSE";
            ds = new DriverManagerDataSource(url, "sa", "");
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        audit = new AuditLog(jdbc, Clock.systemUTC(), StoreCipher.fromSettings(false, null, KEY));
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
    }

    private String storeMessage(String envelope) {
        return storeMessage(UUID.randomUUID().toString(), envelope);
    }

    private String storeMessage(String id, String envelope) {
        Timestamp now = Timestamp.from(Instant.parse("2026-09-01T08:00:00.123456Z"));
        tx.executeWithoutResult(s -> {
            jdbc.update("INSERT INTO message (message_id, verification_id, direction, type, partner, sender, recipient, "
                    + "envelope, signed_digest, in_reply_to, status, attempts, last_error, created_at, updated_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", id, "v-1", "OUT", "VERIFICATION_REQUEST", "p",
                    "610113001", "610113", envelope, "digest", null, "PENDING", 0, null, now, now);
            audit.append(AuditLog.Kind.MESSAGE, id);
        });
        return id;
    }

    private String check() {
        return check(Map.of());
    }

    private String check(Map<String, String> env) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> args = TestDatabase.postgresql()
                ? List.of("--db-url=" + url, "--db-user=" + TestDatabase.user(),
                        "--db-password=" + TestDatabase.password())
                : List.of("--db-url=" + url);
        int code = AuditCheck.run(args, env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return code + " " + bytes.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void anIntactChainChecksOutAndEachEntryLinksToThePreviousOne() {
        storeMessage("{\"a\":1}");
        storeMessage("{\"a\":2}");
        storeMessage("{\"a\":3}");

        AuditLog.Verification v = audit.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isEqualTo(3);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT prev_hash, entry_hash FROM audit_log ORDER BY seq");
        assertThat(rows.get(0).get("PREV_HASH")).isEqualTo(AuditLog.GENESIS);
        assertThat(rows.get(1).get("PREV_HASH")).isEqualTo(rows.get(0).get("ENTRY_HASH"));
        assertThat(rows.get(2).get("PREV_HASH")).isEqualTo(rows.get(1).get("ENTRY_HASH"));
        assertThat(v.headHash()).isEqualTo(rows.get(2).get("ENTRY_HASH"));
        assertThat(check()).startsWith("0 audit chain intact: 3 entries");
    }

    @Test
    void anEditedEnvelopeIsNamedAsTheFirstBrokenEntry() {
        storeMessage("{\"a\":1}");
        String second = storeMessage("{\"a\":2}");
        storeMessage("{\"a\":3}");

        jdbc.update("UPDATE message SET envelope = '{\"a\":20}' WHERE message_id = ?", second);

        AuditLog.Verification v = audit.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).isEqualTo(new AuditLog.Broken(2, AuditLog.Kind.MESSAGE, second, "RECORD_CHANGED"));
        assertThat(check()).isEqualTo("1 audit chain BROKEN at entry 2 (MESSAGE " + second + "): RECORD_CHANGED; 3 entries");
    }

    @Test
    void sealedEnvelopesAreHashedAsTheirPlaintextAndATamperedCiphertextIsDetected() {
        StoreCipher cipher = StoreCipher.fromSettings(true, KEY, null);
        storeMessage("{\"a\":1}");
        String sealedId = UUID.randomUUID().toString();
        storeMessage(sealedId, cipher.seal(StoreCipher.context("message", "envelope", sealedId), "{\"a\":2}"));
        String sealedAgain = UUID.randomUUID().toString();
        storeMessage(sealedAgain, cipher.seal(StoreCipher.context("message", "envelope", sealedAgain), "{\"a\":3}"));

        assertThat(audit.verify().intact()).isTrue();
        // the entry of a sealed row is the one its plaintext would have had
        String stored = jdbc.queryForObject("SELECT envelope FROM message WHERE message_id = ?", String.class, sealedId);
        assertThat(stored).startsWith(StoreCipher.PREFIX);
        jdbc.update("UPDATE message SET envelope = ? WHERE message_id = ?", "{\"a\":2}", sealedId);
        assertThat(audit.verify().intact()).as("the same envelope in clear hashes the same").isTrue();
        jdbc.update("UPDATE message SET envelope = ? WHERE message_id = ?", stored, sealedId);
        assertThat(check(Map.of("ASSISTX_STORE_KEY", KEY))).startsWith("0 audit chain intact: 3 entries");
        assertThat(check()).startsWith("2 verify-audit: STORE_KEY_UNKNOWN");

        String sealed = jdbc.queryForObject("SELECT envelope FROM message WHERE message_id = ?", String.class, sealedAgain);
        char last = sealed.charAt(sealed.length() - 3);
        jdbc.update("UPDATE message SET envelope = ? WHERE message_id = ?",
                sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2),
                sealedAgain);
        assertThat(audit.verify().firstBroken())
                .isEqualTo(new AuditLog.Broken(3, AuditLog.Kind.MESSAGE, sealedAgain, "RECORD_CHANGED"));
    }

    @Test
    void editedDeletedOrRewrittenEntriesAreDetected() {
        storeMessage("{\"a\":1}");
        String second = storeMessage("{\"a\":2}");
        String third = storeMessage("{\"a\":3}");

        jdbc.update("UPDATE audit_log SET recorded_at = '2020-01-01T00:00:00Z' WHERE seq = 2");
        assertThat(audit.verify().firstBroken())
                .isEqualTo(new AuditLog.Broken(2, AuditLog.Kind.MESSAGE, second, "ENTRY_HASH_MISMATCH"));

        // a forger who also recomputes the entry's own hash still breaks the link to the next entry
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log WHERE seq = 2");
        jdbc.update("UPDATE audit_log SET entry_hash = ? WHERE seq = 2", AuditLog.entryHash(2, AuditLog.Kind.MESSAGE,
                second, "2020-01-01T00:00:00Z", (String) row.get("CONTENT_HASH"), (String) row.get("PREV_HASH")));
        assertThat(audit.verify().firstBroken())
                .isEqualTo(new AuditLog.Broken(3, AuditLog.Kind.MESSAGE, third, "PREVIOUS_HASH_MISMATCH"));

        jdbc.update("DELETE FROM audit_log WHERE seq = 2");
        assertThat(audit.verify().firstBroken().reason()).isEqualTo("MISSING_ENTRY");
    }

    @Test
    void aDeletedMessageOrTruncatedChainIsDetected() {
        String first = storeMessage("{\"a\":1}");
        storeMessage("{\"a\":2}");
        jdbc.update("DELETE FROM audit_log WHERE seq = 2");
        assertThat(audit.verify().firstBroken().reason()).isEqualTo("CHAIN_TRUNCATED");

        jdbc.update("DELETE FROM message WHERE message_id = ?", first);
        assertThat(audit.verify().firstBroken())
                .isEqualTo(new AuditLog.Broken(1, AuditLog.Kind.MESSAGE, first, "RECORD_MISSING"));
    }

    @Test
    void concurrentAppendsFromSeveralConnectionsDoNotForkTheChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(pool.submit(() -> storeMessage("{\"n\":" + n + "}")));
            }
            for (Future<String> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        AuditLog.Verification v = audit.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isEqualTo(40);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT prev_hash) FROM audit_log", Long.class)).isEqualTo(40);
    }

    @Test
    void theCommandFindsTheDefaultDatabaseUnderTheDataDirectory() throws Exception {
        Path dataDir = dir.resolve("data");
        java.nio.file.Files.createDirectories(dataDir.resolve("h2"));
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:file:" + dataDir.resolve("h2/assistx"), "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        Path relative = Path.of("").toAbsolutePath().relativize(dataDir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = AuditCheck.run(List.of(), Map.of("ASSISTX_DATA_DIR", relative.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("audit chain intact: 0 entries");
        assertThat(code).isZero();
    }

    @Test
    void theCommandSaysSoWhenItCannotReadTheDatabase() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = AuditCheck.run(List.of("--db-url=jdbc:h2:file:" + dir.resolve("nothing") + ";IFEXISTS=TRUE"),
                Map.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("cannot read the audit log");
    }
}
