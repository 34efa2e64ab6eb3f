package org.assistx.gateway.followup;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.assistx.gateway.tracking.SealedColumns;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to {@code emergency_case}: an emergency helped at once and the formalities completed later.
 * The backfill (reason, amount, handlers) is sealed at rest ({@link SealedColumns}).
 */
@Repository
public class EmergencyCaseRepository {

    /** A stored case; {@code backfillJson} (opened) and {@code backfilledAt} are null until completed. */
    public record EmergencyCase(String verificationId, String kind, LocalDate occurredOn, LocalDate backfillDue,
            Instant backfilledAt, String backfillJson) {
    }

    private final JdbcTemplate jdbc;
    private final SealedColumns.Column backfillJson;
    private final RowMapper<EmergencyCase> mapper;

    public EmergencyCaseRepository(JdbcTemplate jdbc, SealedColumns sealed) {
        this.jdbc = jdbc;
        this.backfillJson = sealed.column("emergency_case", "backfill_json");
        this.mapper = (rs, n) -> {
            String id = rs.getString("verification_id");
            Timestamp backfilledAt = rs.getTimestamp("backfilled_at");
            return new EmergencyCase(id, rs.getString("kind"), rs.getDate("occurred_on").toLocalDate(),
                    rs.getDate("backfill_due").toLocalDate(), backfilledAt == null ? null : backfilledAt.toInstant(),
                    backfilledAt == null ? null : backfillJson.open(id, rs.getString("backfill_json")));
        };
    }

    public void insert(String verificationId, String township, String kind, LocalDate occurredOn,
            LocalDate backfillDue) {
        jdbc.update("INSERT INTO emergency_case (verification_id, township, kind, occurred_on, backfill_due) "
                + "VALUES (?,?,?,?,?)", verificationId, township, kind, Date.valueOf(occurredOn),
                Date.valueOf(backfillDue));
    }

    public void markBackfilled(String verificationId, Instant at, String json) {
        jdbc.update("UPDATE emergency_case SET backfilled_at = ?, backfill_json = ? WHERE verification_id = ?",
                Timestamp.from(at), backfillJson.seal(verificationId, json), verificationId);
    }

    public Optional<EmergencyCase> find(String verificationId, String township) {
        return jdbc.query("SELECT * FROM emergency_case WHERE verification_id = ? AND township = ?", mapper,
                verificationId, township).stream().findFirst();
    }

    /** A township's cases whose formalities are still open, the earliest due first. */
    public List<EmergencyCase> findOpen(String township) {
        return jdbc.query("SELECT * FROM emergency_case WHERE township = ? AND backfilled_at IS NULL "
                + "ORDER BY backfill_due", mapper, township);
    }
}
