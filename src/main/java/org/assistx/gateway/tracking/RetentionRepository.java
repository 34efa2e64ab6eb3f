package org.assistx.gateway.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The statements of the retention job ({@link Retention}): which records may go, and their deletion in
 * bounded batches. A verification may go once it is final, its last change is older than the period, and
 * nothing of it is still to be delivered: no outbound message {@code PENDING}, no callback {@code PENDING},
 * no emergency case whose formalities are still outstanding.
 */
@Repository
public class RetentionRepository {

    private static final String FINAL = Arrays.stream(VerificationStatus.values()).filter(VerificationStatus::isFinal)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));

    /** The verification {@code v} is final, old enough (first parameter) and has nothing left to deliver. */
    private static final String MAY_GO = "v.status IN (" + FINAL + ") AND v.updated_at < ? "
            + "AND NOT EXISTS (SELECT 1 FROM message p WHERE p.verification_id = v.verification_id "
            + "AND p.status = 'PENDING') "
            + "AND NOT EXISTS (SELECT 1 FROM callback_delivery c WHERE c.verification_id = v.verification_id "
            + "AND c.status = 'PENDING') "
            + "AND NOT EXISTS (SELECT 1 FROM emergency_case e WHERE e.verification_id = v.verification_id "
            + "AND e.backfilled_at IS NULL)";

    /** The tables that hold a verification's own rows, deleted with it (the verification row last). */
    private static final List<String> OF_A_VERIFICATION = List.of("message", "status_subscription",
            "callback_delivery", "overdue_alert", "emergency_case", "approval_decision", "verification");

    private final JdbcTemplate jdbc;

    public RetentionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Of the given messages, those that may go: not {@code PENDING}, created before {@code cutoff}, and either
     * of a verification that may go or of none stored (one-way notices of residence changes).
     */
    public Set<String> messagesThatMayGo(Collection<String> messageIds, Instant cutoff) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        Object[] args = new Object[messageIds.size() + 2];
        int i = 0;
        for (String id : messageIds) {
            args[i++] = id;
        }
        args[i++] = Timestamp.from(cutoff);
        args[i] = Timestamp.from(cutoff);
        return new HashSet<>(jdbc.queryForList("SELECT m.message_id FROM message m LEFT JOIN verification v "
                + "ON v.verification_id = m.verification_id WHERE m.message_id IN (" + marks(messageIds.size())
                + ") AND m.status <> 'PENDING' AND m.created_at < ? AND (v.verification_id IS NULL OR (" + MAY_GO
                + "))", String.class, args));
    }

    /**
     * Up to {@code limit} verifications that may go and none of whose messages is still in the audit chain (a
     * message leaves the store only with its chain entry, {@link org.assistx.gateway.audit.AuditLog#cut}).
     */
    public List<String> verificationsThatMayGo(Instant cutoff, int limit) {
        return jdbc.queryForList("SELECT v.verification_id FROM verification v WHERE " + MAY_GO
                + " AND NOT EXISTS (SELECT 1 FROM message m JOIN audit_log a ON a.kind = 'MESSAGE' "
                + "AND a.ref_id = m.message_id WHERE m.verification_id = v.verification_id) "
                + "ORDER BY v.updated_at FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                String.class, Timestamp.from(cutoff));
    }

    /** Deletes the verifications and every row of theirs; returns how many verifications went. */
    public int deleteVerifications(List<String> verificationIds) {
        if (verificationIds.isEmpty()) {
            return 0;
        }
        int deleted = 0;
        for (String table : OF_A_VERIFICATION) {
            deleted = jdbc.update("DELETE FROM " + table + " WHERE verification_id IN (" + marks(verificationIds.size())
                    + ")", verificationIds.toArray());
        }
        return deleted;
    }

    /** Deletes messages (whose chain entries are being cut). */
    public int deleteMessages(Collection<String> messageIds) {
        return deleteIn("message", "message_id", messageIds);
    }

    /** Deletes operator actions (whose chain entries are being cut). */
    public int deleteOperatorActions(Collection<String> actionIds) {
        return deleteIn("operator_action", "action_id", actionIds);
    }

    /** Deletes up to {@code limit} of the oldest refusals recorded before {@code cutoff}. */
    public int deleteRefusals(Instant cutoff, int limit) {
        List<Long> seqs = jdbc.queryForList("SELECT seq FROM inbound_refusal WHERE refused_at < ? ORDER BY seq "
                + "FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", Long.class, Timestamp.from(cutoff));
        if (seqs.isEmpty()) {
            return 0;
        }
        return jdbc.update("DELETE FROM inbound_refusal WHERE seq IN (" + marks(seqs.size()) + ")", seqs.toArray());
    }

    private int deleteIn(String table, String column, Collection<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.update("DELETE FROM " + table + " WHERE " + column + " IN (" + marks(ids.size()) + ")",
                ids.toArray());
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }
}
