package org.assistx.gateway.followup;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.assistx.gateway.tracking.SealedColumns;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to {@code approval_decision}: one decision per verification, fed back to the hukou township.
 * The decision (amounts, note) is sealed at rest ({@link SealedColumns}).
 */
@Repository
public class ApprovalDecisionRepository {

    /** A stored decision: its JSON, opened, and the notice that carried it. */
    public record Stored(String decisionJson, String noticeMessageId) {
    }

    private final JdbcTemplate jdbc;
    private final SealedColumns.Column decisionJson;

    public ApprovalDecisionRepository(JdbcTemplate jdbc, SealedColumns sealed) {
        this.jdbc = jdbc;
        this.decisionJson = sealed.column("approval_decision", "decision_json");
    }

    public void insert(String verificationId, String decision, LocalDate decidedOn, String json,
            String noticeMessageId, Instant createdAt) {
        jdbc.update("INSERT INTO approval_decision (verification_id, decision, decided_on, decision_json, "
                + "notice_message_id, created_at) VALUES (?,?,?,?,?,?)", verificationId, decision,
                Date.valueOf(decidedOn), decisionJson.seal(verificationId, json), noticeMessageId,
                Timestamp.from(createdAt));
    }

    public Optional<Stored> find(String verificationId) {
        return jdbc.query("SELECT decision_json, notice_message_id FROM approval_decision WHERE verification_id = ?",
                (rs, n) -> new Stored(decisionJson.open(verificationId, rs.getString("decision_json")),
                        rs.getString("notice_message_id")), verificationId).stream().findFirst();
    }
}
