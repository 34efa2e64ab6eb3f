package org.assistx.gateway.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.assistx.gateway.TestDatabase;
import org.assistx.gateway.audit.AuditCheck;
import org.assistx.gateway.audit.AuditException;
import org.assistx.gateway.audit.AuditLog;
import org.assistx.gateway.crypto.StoreCipher;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention on a real database with the real migrations: old records go, young, open or still-to-deliver ones
 * stay, the kept audit chain still checks (online and with {@code verify-audit}) and still shows a change or a
 * removal that retention did not make; two nodes run it once.
 */
class RetentionTest {

    private static final Instant NOW = Instant.parse("2032-03-01T02:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(6 * 366));
    private static final Instant YOUNG = NOW.minus(Duration.ofDays(30));
    private static final RetentionProperties SETTINGS = new RetentionProperties(true, Duration.ofDays(1826),
            Duration.ofDays(366), Duration.ofDays(1826), 2, 50);

    @TempDir
    Path dir;

    String url;
    DataSource ds;
    JdbcTemplate jdbc;
    TransactionTemplate tx;
    ClusterJobs jobs;
    Retention retention;
    AuditLog audit;

    @BeforeEach
    void database() {
        if (TestDatabase.postgresql()) {
            url = TestDatabase.freshSchema("retention");
            ds = new DriverManagerDataSource(url, TestDatabase.user(), TestDatabase.password());
        } else {
            // kept open between connections: the two nodes' lock statements open and close theirs at once
            url = "jdbc:h2:file:" + dir.resolve("retention") + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1";
            ds = new DriverManagerDataSource(url, "sa", "");
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        tx = new TransactionTemplate(transactions);
        jobs = new ClusterJobs(ds, Duration.ofMinutes(5));
        audit = auditAt(NOW);
        retention = new Retention(new RetentionRepository(jdbc), audit, jobs, transactions,
                Clock.fixed(NOW, ZoneOffset.UTC), SETTINGS);
    }

    @AfterEach
    void close() {
        if (!TestDatabase.postgresql()) {
            jdbc.execute("SHUTDOWN");
        }
    }

    private AuditLog auditAt(Instant at) {
        return new AuditLog(jdbc, Clock.fixed(at, ZoneOffset.UTC), StoreCipher.fromSettings(false, null, null));
    }

    private String verification(String status, Instant at) {
        String id = "v-" + UUID.randomUUID();
        jdbc.update("INSERT INTO verification (verification_id, client_org, request_id, request_digest, request_json, "
                + "status, jurisdiction, category, residence_township, applicant_masked, created_at, updated_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", id, "610113001", id, "d", "{}", status, "PROVINCE", "DIBAO",
                "610113001", "610113********0049", ts(at), ts(at));
        return id;
    }

    private String message(String verificationId, String status, Instant at) {
        String id = "m-" + UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            jdbc.update("INSERT INTO message (message_id, verification_id, direction, type, partner, sender, recipient, "
                    + "envelope, signed_digest, in_reply_to, status, attempts, last_error, created_at, updated_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", id, verificationId, "OUT", "VERIFICATION_REQUEST",
                    "p", "610113001", "610113", "{\"at\":\"" + at + "\"}", "digest", null, status, 1, null, ts(at),
                    ts(at));
            auditAt(at).append(AuditLog.Kind.MESSAGE, id);
        });
        return id;
    }

    private String operatorAction(Instant at) {
        String id = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> {
            jdbc.update("INSERT INTO operator_action (action_id, performed_at, operator, operator_roles, authenticated, "
                    + "action, target_type, target_id, outcome) VALUES (?,?,?,?,?,?,?,?,?)", id, ts(at), "ops",
                    "OPERATOR", true, "REPLAY", "VERIFICATION", "v-x", "OK");
            auditAt(at).append(AuditLog.Kind.OPERATOR_ACTION, id);
        });
        return id;
    }

    private void callback(String verificationId, String status, Instant at) {
        jdbc.update("INSERT INTO callback_delivery (callback_id, verification_id, url, body, status, attempts, "
                + "next_attempt_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", UUID.randomUUID().toString(),
                verificationId, "https://127.0.0.1/cb", "{}", status, 1, ts(at), ts(at), ts(at));
    }

    private void refusal(Instant at) {
        jdbc.update("INSERT INTO inbound_refusal (refused_at, channel, code) VALUES (?,?,?)", ts(at), "REST",
                "UNAUTHENTICATED");
    }

    private int count(String table, String where, Object... args) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + where, Integer.class, args);
    }

    private boolean exists(String verificationId) {
        return count("verification", "verification_id = ?", verificationId) == 1;
    }

    private String check() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> args = TestDatabase.postgresql()
                ? List.of("--db-url=" + url, "--db-user=" + TestDatabase.user(),
                        "--db-password=" + TestDatabase.password())
                : List.of("--db-url=" + url);
        int code = AuditCheck.run(args, Map.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return code + " " + bytes.toString(StandardCharsets.UTF_8).trim();
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    /** The store of the tests below: the chain in this order, two old final verifications first. */
    private record Store(String done, String doneMessage1, String doneMessage2, String action, String waiting,
            String waitingMessage, String open, String young, String youngMessage) {
    }

    private Store store() {
        String done = verification("ANSWERED", OLD);
        String m1 = message(done, "DELIVERED", OLD);
        String m2 = message(done, "RECEIVED", OLD);
        jdbc.update("INSERT INTO status_subscription (verification_id, channel, address, created_at) VALUES (?,?,?,?)",
                done, "CALLBACK", "https://127.0.0.1/cb", ts(OLD));
        callback(done, "DELIVERED", OLD);
        String action = operatorAction(OLD);
        // final and old, but its callback is still to deliver
        String waiting = verification("ANSWERED", OLD);
        String wm = message(waiting, "DELIVERED", OLD);
        callback(waiting, "PENDING", OLD);
        // old but never answered
        String open = verification("SENT", OLD);
        message(open, "DELIVERED", OLD);
        String young = verification("UNDETERMINED", YOUNG);
        String ym = message(young, "FAILED", YOUNG);
        refusal(OLD);
        refusal(OLD);
        refusal(YOUNG);
        return new Store(done, m1, m2, action, waiting, wm, open, young, ym);
    }

    @Test
    void oldRecordsGoYoungOpenAndPendingOnesStayAndTheChainStillChecks() {
        Store s = store();
        assertThat(audit.verify().entries()).isEqualTo(6);

        Retention.Result r = retention.run(NOW);

        // the chain is cut through the operator action: the waiting verification's message stops it
        assertThat(r).isEqualTo(new Retention.Result(3, 2, 1, 1, 2));
        assertThat(exists(s.done())).isFalse();
        assertThat(count("message", "verification_id = ?", s.done())).isZero();
        assertThat(count("status_subscription", "verification_id = ?", s.done())).isZero();
        assertThat(count("callback_delivery", "verification_id = ?", s.done())).isZero();
        assertThat(count("operator_action", "action_id = ?", s.action())).isZero();
        assertThat(exists(s.waiting())).isTrue();
        assertThat(count("message", "message_id = ?", s.waitingMessage())).isOne();
        assertThat(exists(s.open())).isTrue();
        assertThat(exists(s.young())).isTrue();
        assertThat(count("inbound_refusal", "1 = 1")).isOne();

        AuditLog.Verification v = audit.verify();
        assertThat(v.intact()).as(String.valueOf(v.firstBroken())).isTrue();
        assertThat(v.entries()).as("3 kept and the entries of two cuts (batches of 2)").isEqualTo(5);
        assertThat(audit.anchor()).map(AuditLog.Anchor::seq).contains(3L);
        assertThat(check()).startsWith("0 audit chain intact: 5 entries").endsWith("entries 1..3 removed by retention");

        // a second run finds nothing more; once the callback is delivered, the waiting verification goes too
        assertThat(retention.run(NOW)).isEqualTo(new Retention.Result(0, 0, 0, 0, 0));
        jdbc.update("UPDATE callback_delivery SET status = 'DELIVERED' WHERE verification_id = ?", s.waiting());
        assertThat(retention.run(NOW)).isEqualTo(new Retention.Result(1, 1, 0, 1, 0));
        assertThat(exists(s.waiting())).isFalse();
        assertThat(exists(s.open())).isTrue();
        v = audit.verify();
        assertThat(v.intact()).as(String.valueOf(v.firstBroken())).isTrue();
        assertThat(v.entries()).as("the open and the young message, three cuts").isEqualTo(5);
        assertThat(check()).startsWith("0 audit chain intact: 5 entries").endsWith("entries 1..4 removed by retention");
    }

    @Test
    void aChangedOrRemovedKeptEntryIsStillDetectedAfterACut() {
        Store s = store();
        retention.run(NOW);
        assertThat(audit.verify().intact()).isTrue();

        jdbc.update("UPDATE message SET envelope = '{\"changed\":1}' WHERE message_id = ?", s.youngMessage());
        assertThat(audit.verify().firstBroken())
                .isEqualTo(new AuditLog.Broken(6, AuditLog.Kind.MESSAGE, s.youngMessage(), "RECORD_CHANGED"));
        assertThat(check()).startsWith("1 audit chain BROKEN at entry 6");
        jdbc.update("UPDATE message SET envelope = ? WHERE message_id = ?", "{\"at\":\"" + YOUNG + "\"}",
                s.youngMessage());
        assertThat(audit.verify().intact()).isTrue();

        // the first kept entry removed without a cut
        Map<String, Object> first = jdbc.queryForMap("SELECT * FROM audit_log WHERE seq = 4");
        jdbc.update("DELETE FROM audit_log WHERE seq = 4");
        assertThat(audit.verify().firstBroken().seq()).isEqualTo(4);
        assertThat(audit.verify().firstBroken().reason()).isEqualTo("MISSING_ENTRY");
        assertThat(check()).startsWith("1 audit chain BROKEN at entry 4");

        // ... and hidden behind an invented cut: no chained entry attests it
        jdbc.update("INSERT INTO audit_retention (retention_id, through_seq, through_hash, entries, pruned_at) "
                + "VALUES (?,?,?,?,?)", "forged", 4L, first.get("ENTRY_HASH") == null ? first.get("entry_hash")
                        : first.get("ENTRY_HASH"), 1, ts(NOW));
        assertThat(audit.verify().firstBroken())
                .isEqualTo(new AuditLog.Broken(4, AuditLog.Kind.RETENTION, "forged", "ANCHOR_UNATTESTED"));
        assertThat(check()).startsWith("1 audit chain BROKEN at entry 4 (RETENTION forged): ANCHOR_UNATTESTED");
    }

    @Test
    void removingTheStoredCutIsDetected() {
        store();
        retention.run(NOW);
        jdbc.update("DELETE FROM audit_retention");
        AuditLog.Verification v = audit.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken().seq()).isEqualTo(1);
        assertThat(v.firstBroken().reason()).isEqualTo("MISSING_ENTRY");
    }

    @Test
    void aChangedRecordAmongTheOldStopsTheCutSoTheEvidenceStays() {
        Store s = store();
        jdbc.update("UPDATE message SET envelope = '{\"changed\":1}' WHERE message_id = ?", s.doneMessage2());

        assertThatThrownBy(() -> retention.run(NOW)).isInstanceOf(AuditException.class)
                .hasMessageContaining("RECORD_CHANGED");
        assertThat(exists(s.done())).isTrue();
        assertThat(count("message", "message_id = ?", s.doneMessage1())).isOne();
        assertThat(count("audit_log", "1 = 1")).isEqualTo(6);
        assertThat(audit.verify().firstBroken())
                .isEqualTo(new AuditLog.Broken(2, AuditLog.Kind.MESSAGE, s.doneMessage2(), "RECORD_CHANGED"));
    }

    @Test
    void twoNodesRunItOnce() throws Exception {
        Store s = store();
        HeldJob other = new HeldJob(new ClusterJobs(ds, Duration.ofMinutes(5)), "retention");

        retention.scheduled();
        assertThat(exists(s.done())).as("skipped while the other node runs it").isTrue();

        assertThat(other.release()).isTrue();
        retention.scheduled();
        assertThat(exists(s.done())).isFalse();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void switchedOffItDeletesNothing() {
        Store s = store();
        new Retention(new RetentionRepository(jdbc), audit, jobs, new DataSourceTransactionManager(ds),
                Clock.fixed(NOW, ZoneOffset.UTC), new RetentionProperties(false, Duration.ofDays(1), Duration.ofDays(1),
                        Duration.ofDays(1), 10, 10)).scheduled();
        assertThat(exists(s.done())).isTrue();
        assertThat(count("inbound_refusal", "1 = 1")).isEqualTo(3);
    }
}
