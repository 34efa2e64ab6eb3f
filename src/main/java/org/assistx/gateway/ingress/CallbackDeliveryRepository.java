package org.assistx.gateway.ingress;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.assistx.gateway.tracking.SealedColumns;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to {@code callback_delivery}: the signed status-change bodies waiting for, or past, delivery to
 * a township. The body holds personal data and is sealed at rest ({@link SealedColumns}).
 */
@Repository
public class CallbackDeliveryRepository {

    /** A callback due for an attempt, its body opened. */
    public record Due(String id, String url, String body, int attempts, Timestamp nextAttemptAt, Instant createdAt) {
    }

    private final JdbcTemplate jdbc;
    private final SealedColumns.Column body;

    public CallbackDeliveryRepository(JdbcTemplate jdbc, SealedColumns sealed) {
        this.jdbc = jdbc;
        this.body = sealed.column("callback_delivery", "body");
    }

    public void insert(String callbackId, String verificationId, String url, String bodyJson, Instant now) {
        jdbc.update("INSERT INTO callback_delivery (callback_id, verification_id, url, body, status, attempts, "
                + "next_attempt_at, created_at, updated_at) VALUES (?,?,?,?,'PENDING',0,?,?,?)",
                callbackId, verificationId, url, body.seal(callbackId, bodyJson),
                Timestamp.from(now), Timestamp.from(now), Timestamp.from(now));
    }

    /** Up to 20 pending callbacks whose next attempt is due at {@code now}, the longest waiting first. */
    public List<Due> findDue(Instant now) {
        return jdbc.query("SELECT callback_id, url, body, attempts, next_attempt_at, created_at "
                + "FROM callback_delivery WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at "
                + "FETCH FIRST 20 ROWS ONLY", (rs, n) -> new Due(rs.getString("callback_id"), rs.getString("url"),
                body.open(rs.getString("callback_id"), rs.getString("body")), rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at"), rs.getTimestamp("created_at").toInstant()), Timestamp.from(now));
    }

    /**
     * Claims the callback for one attempt by moving its next attempt to {@code until}; true only for the one
     * node whose claim took effect.
     */
    public boolean claim(Due d, Instant until) {
        return jdbc.update("UPDATE callback_delivery SET next_attempt_at = ? WHERE callback_id = ? "
                + "AND status = 'PENDING' AND next_attempt_at = ?", Timestamp.from(until), d.id(),
                d.nextAttemptAt()) == 1;
    }

    public void markDelivered(String callbackId, Instant at) {
        jdbc.update("UPDATE callback_delivery SET status = 'DELIVERED', attempts = attempts + 1, "
                + "updated_at = ? WHERE callback_id = ?", Timestamp.from(at), callbackId);
    }

    /** Records a failed attempt: tried again at {@code next}, or FAILED when {@code givenUp}. */
    public void markFailed(String callbackId, boolean givenUp, int attempts, String error, Instant next, Instant at) {
        jdbc.update("UPDATE callback_delivery SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, "
                + "updated_at = ? WHERE callback_id = ?", givenUp ? "FAILED" : "PENDING", attempts, error,
                Timestamp.from(next), Timestamp.from(at), callbackId);
    }
}
