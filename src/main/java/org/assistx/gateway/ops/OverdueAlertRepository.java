package org.assistx.gateway.ops;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** JDBC access to {@code overdue_alert}: the verifications already announced as overdue, kept across restarts. */
@Repository
public class OverdueAlertRepository {

    private final JdbcTemplate jdbc;

    public OverdueAlertRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean announced(String verificationId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM overdue_alert WHERE verification_id = ?", Integer.class,
                verificationId) > 0;
    }

    public void insert(String verificationId, Instant dueAt, Instant alertedAt, String channels) {
        jdbc.update("INSERT INTO overdue_alert (verification_id, due_at, alerted_at, channels) VALUES (?,?,?,?)",
                verificationId, Timestamp.from(dueAt), Timestamp.from(alertedAt), channels);
    }
}
