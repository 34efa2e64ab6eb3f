package org.assistx.gateway.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to the {@code verification} table. The township's request and the result (both personal data)
 * are sealed at rest ({@link SealedColumns}) when encryption is on, and opened on every read.
 */
@Repository
public class VerificationRepository {

    private static final String COLUMNS = "verification_id, client_org, request_id, request_digest, request_json, "
            + "status, status_reason, jurisdiction, category, route_partner, route_recipient, residence_township, "
            + "applicant_masked, outcome, result_json, created_at, updated_at, enqueued_at, answered_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SealedColumns.Column requestJson;
    private final SealedColumns.Column resultJson;
    private final RowMapper<VerificationRecord> mapper;

    public VerificationRepository(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events,
            SealedColumns sealed) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.requestJson = sealed.column("verification", "request_json");
        this.resultJson = sealed.column("verification", "result_json");
        this.mapper = (rs, n) -> {
            String id = rs.getString("verification_id");
            return new VerificationRecord(id, rs.getString("client_org"), rs.getString("request_id"),
                    rs.getString("request_digest"), requestJson.open(id, rs.getString("request_json")),
                    VerificationStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                    rs.getString("jurisdiction"), rs.getString("category"), rs.getString("route_partner"),
                    rs.getString("route_recipient"), rs.getString("residence_township"),
                    rs.getString("applicant_masked"), rs.getString("outcome"),
                    resultJson.open(id, rs.getString("result_json")), instant(rs, "created_at"),
                    instant(rs, "updated_at"), instant(rs, "enqueued_at"), instant(rs, "answered_at"));
        };
    }

    /** Tells listeners (status subscriptions) about a change that took effect. */
    private boolean changed(int rows, String verificationId, VerificationStatus status) {
        if (rows == 1) {
            events.publishEvent(new VerificationStatusChanged(verificationId, status));
        }
        return rows == 1;
    }

    public void insert(VerificationRecord v) {
        jdbc.update("INSERT INTO verification (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                v.verificationId(), v.clientOrg(), v.requestId(), v.requestDigest(),
                requestJson.seal(v.verificationId(), v.requestJson()),
                v.status().name(), v.statusReason(), v.jurisdiction(), v.category(), v.routePartner(),
                v.routeRecipient(), v.residenceTownship(), v.applicantMasked(), v.outcome(),
                resultJson.seal(v.verificationId(), v.resultJson()),
                ts(v.createdAt()), ts(v.updatedAt()), ts(v.enqueuedAt()), ts(v.answeredAt()));
    }

    /**
     * A verification as the deadline lists show it; {@code backfillDue} is the backfill day of an open
     * emergency case, null otherwise.
     */
    public record Waiting(String verificationId, String requestId, String status, String jurisdiction,
            String routePartner, String residenceTownship, String applicantMasked, Instant acceptedAt,
            LocalDate backfillDue) {
    }

    private static final String WAITING = "SELECT v.verification_id, v.request_id, v.status, v.jurisdiction, "
            + "v.route_partner, v.residence_township, v.applicant_masked, v.created_at";

    private static Waiting waiting(ResultSet rs, boolean emergency) throws SQLException {
        return new Waiting(rs.getString("verification_id"), rs.getString("request_id"), rs.getString("status"),
                rs.getString("jurisdiction"), rs.getString("route_partner"), rs.getString("residence_township"),
                rs.getString("applicant_masked"), rs.getTimestamp("created_at").toInstant(),
                emergency ? rs.getDate("backfill_due").toLocalDate() : null);
    }

    /** Verifications still waiting for their answer (ACCEPTED or SENT) accepted before a time, oldest first. */
    public List<Waiting> findWaitingAcceptedBefore(Instant before) {
        return jdbc.query(WAITING + " FROM verification v WHERE v.status IN ('ACCEPTED','SENT') AND v.created_at < ? "
                + "ORDER BY v.created_at", (rs, n) -> waiting(rs, false), Timestamp.from(before));
    }

    /** Verifications of emergency cases whose formalities are not yet backfilled, by backfill day. */
    public List<Waiting> findOpenEmergencies() {
        return jdbc.query(WAITING + ", e.backfill_due FROM verification v "
                + "JOIN emergency_case e ON e.verification_id = v.verification_id WHERE e.backfilled_at IS NULL "
                + "ORDER BY e.backfill_due", (rs, n) -> waiting(rs, true));
    }

    /** How many verifications are in each status (statuses with none are left out). */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT status, COUNT(*) AS n FROM verification GROUP BY status",
                rs -> {
                    counts.put(rs.getString("status"), rs.getLong("n"));
                });
        return counts;
    }

    /** One line of a search: the columns that carry no sealed personal data. */
    public record Summary(String verificationId, String requestId, String clientOrg, String status, String outcome,
            String jurisdiction, String category, String partner, String residenceTownship, String applicant,
            Instant createdAt, Instant updatedAt) {
    }

    /**
     * Verifications newest first, filtered by each criterion that is not null: the masked applicant, an id
     * (the verification's, the township's request id, or one of its messages' ids), status and partner.
     */
    public List<Summary> search(String applicantMasked, String anyId, String status, String partner, int limit) {
        StringBuilder sql = new StringBuilder("SELECT verification_id, request_id, client_org, status, outcome, "
                + "jurisdiction, category, route_partner, residence_township, applicant_masked, created_at, updated_at "
                + "FROM verification WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (applicantMasked != null) {
            sql.append(" AND applicant_masked = ?");
            args.add(applicantMasked);
        }
        if (anyId != null) {
            // message_id is the key: a scalar subquery, so each of the three is an index look-up
            sql.append(" AND (verification_id = ? OR request_id = ? OR verification_id = "
                    + "(SELECT verification_id FROM message WHERE message_id = ?))");
            args.add(anyId);
            args.add(anyId);
            args.add(anyId);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (partner != null) {
            sql.append(" AND route_partner = ?");
            args.add(partner);
        }
        sql.append(" ORDER BY created_at DESC FETCH FIRST ").append(Math.max(1, Math.min(limit, 200))).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), (rs, n) -> new Summary(rs.getString("verification_id"),
                rs.getString("request_id"), rs.getString("client_org"), rs.getString("status"), rs.getString("outcome"),
                rs.getString("jurisdiction"), rs.getString("category"), rs.getString("route_partner"),
                rs.getString("residence_township"), rs.getString("applicant_masked"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()), args.toArray());
    }

    public Optional<VerificationRecord> find(String verificationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM verification WHERE verification_id = ?", mapper,
                verificationId).stream().findFirst();
    }

    public Optional<VerificationRecord> findByRequest(String clientOrg, String requestId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM verification WHERE client_org = ? AND request_id = ?",
                mapper, clientOrg, requestId).stream().findFirst();
    }

    /** Accepted verifications that never reached the dispatch queue (a crash or broker outage after commit). */
    public List<String> findNotEnqueued(Instant acceptedBefore, int limit) {
        return jdbc.queryForList("SELECT verification_id FROM verification WHERE status = 'ACCEPTED' "
                + "AND enqueued_at IS NULL AND created_at < ? ORDER BY created_at FETCH FIRST " + limit + " ROWS ONLY",
                String.class, ts(acceptedBefore));
    }

    /**
     * Verifications still waiting for an answer (ACCEPTED or SENT, queued once) routed to {@code partner} in
     * which nothing happened since {@code quietSince}: not the verification, not any of its messages.
     */
    public List<String> findStale(String partner, Instant quietSince, int limit) {
        return jdbc.queryForList("SELECT v.verification_id FROM verification v WHERE v.status IN ('ACCEPTED','SENT') "
                + "AND v.enqueued_at IS NOT NULL AND v.route_partner = ? AND v.updated_at < ? AND NOT EXISTS "
                + "(SELECT 1 FROM message m WHERE m.verification_id = v.verification_id AND m.updated_at >= ?) "
                + "ORDER BY v.updated_at FETCH FIRST " + limit + " ROWS ONLY", String.class, partner,
                ts(quietSince), ts(quietSince));
    }

    /** Notes that something was done with the verification now (it is not stale). */
    public void touch(String verificationId) {
        jdbc.update("UPDATE verification SET updated_at = ? WHERE verification_id = ?", ts(clock.instant()),
                verificationId);
    }

    /** Locks the verification's row until the surrounding transaction ends (one signer of its request). */
    public void lock(String verificationId) {
        jdbc.queryForList("SELECT verification_id FROM verification WHERE verification_id = ? FOR UPDATE",
                String.class, verificationId);
    }

    public void markEnqueued(String verificationId) {
        jdbc.update("UPDATE verification SET enqueued_at = ? WHERE verification_id = ? AND enqueued_at IS NULL",
                ts(clock.instant()), verificationId);
    }

    /** Moves to SENT unless the verification already reached a final state. */
    public void markSent(String verificationId) {
        Instant now = clock.instant();
        changed(jdbc.update("UPDATE verification SET status = 'SENT', updated_at = ? WHERE verification_id = ? "
                + "AND status = 'ACCEPTED'", ts(now), verificationId), verificationId, VerificationStatus.SENT);
    }

    /** Records the outcome; returns false when the verification was already final (a late or duplicate answer). */
    public boolean markAnswered(String verificationId, String outcome, String resultJson) {
        Instant now = clock.instant();
        return changed(jdbc.update("UPDATE verification SET status = 'ANSWERED', outcome = ?, result_json = ?, "
                + "status_reason = NULL, updated_at = ?, answered_at = ? WHERE verification_id = ? "
                + "AND status IN ('ACCEPTED','SENT','UNDETERMINED')",
                outcome, this.resultJson.seal(verificationId, resultJson), ts(now), ts(now),
                verificationId), verificationId, VerificationStatus.ANSWERED);
    }

    /** Delivery finally failed: the township sees UNDETERMINED with the reason. */
    public boolean markUndetermined(String verificationId, String reason) {
        Instant now = clock.instant();
        return changed(jdbc.update("UPDATE verification SET status = 'UNDETERMINED', outcome = 'UNDETERMINED', "
                + "status_reason = ?, updated_at = ? WHERE verification_id = ? AND status IN ('ACCEPTED','SENT')",
                truncate(reason, 1000), ts(now), verificationId), verificationId, VerificationStatus.UNDETERMINED);
    }

    /**
     * An operator replays a dead letter: UNDETERMINED goes back to ACCEPTED (no outcome, not enqueued), so
     * the pipeline delivers it again. Returns false when the verification is not UNDETERMINED.
     */
    public boolean resetForReplay(String verificationId) {
        return changed(jdbc.update("UPDATE verification SET status = 'ACCEPTED', outcome = NULL, result_json = NULL, "
                + "status_reason = NULL, enqueued_at = NULL, updated_at = ? WHERE verification_id = ? "
                + "AND status = 'UNDETERMINED'", ts(clock.instant()), verificationId), verificationId,
                VerificationStatus.ACCEPTED);
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
