package org.assistx.gateway.tracking;

import static org.assistx.gateway.tracking.VerificationRepository.instant;
import static org.assistx.gateway.tracking.VerificationRepository.truncate;
import static org.assistx.gateway.tracking.VerificationRepository.ts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assistx.gateway.audit.AuditLog;
import org.assistx.gateway.envelope.MessageType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * JDBC access to the {@code message} table: the store of every envelope in and out. The envelope column is
 * sealed at rest ({@link SealedColumns}, when encryption is on) and opened on every read, so callers
 * always see the envelope exactly as it was signed.
 */
@Repository
public class MessageRepository {

    private static final String COLUMNS = "message_id, verification_id, direction, type, partner, sender, recipient, "
            + "envelope, signed_digest, in_reply_to, status, attempts, last_error, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final SealedColumns.Column envelope;
    private final RowMapper<MessageRecord> mapper;

    public MessageRepository(JdbcTemplate jdbc, Clock clock, AuditLog audit, SealedColumns sealed) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.envelope = sealed.column("message", "envelope");
        this.mapper = (rs, n) -> new MessageRecord(
                rs.getString("message_id"), rs.getString("verification_id"),
                MessageRecord.Direction.valueOf(rs.getString("direction")), rs.getString("type"),
                rs.getString("partner"), rs.getString("sender"), rs.getString("recipient"),
                envelope.open(rs.getString("message_id"), rs.getString("envelope")),
                rs.getString("signed_digest"), rs.getString("in_reply_to"),
                MessageRecord.MessageStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    /**
     * Inserts a message and its entry in the audit chain, in one transaction (the caller's, if any); a
     * message id seen before raises {@code DuplicateKeyException}.
     */
    @Transactional(noRollbackFor = org.springframework.dao.DuplicateKeyException.class)
    public void insert(MessageRecord m) {
        jdbc.update("INSERT INTO message (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                m.messageId(), m.verificationId(), m.direction().name(), m.type(), m.partner(), m.sender(),
                m.recipient(), envelope.seal(m.messageId(), m.envelope()), m.signedDigest(), m.inReplyTo(), m.status().name(), m.attempts(),
                truncate(m.lastError(), 1000), ts(m.createdAt()), ts(m.updatedAt()));
        audit.append(AuditLog.Kind.MESSAGE, m.messageId());
    }

    public Optional<MessageRecord> find(String messageId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM message WHERE message_id = ?", mapper, messageId)
                .stream().findFirst();
    }

    public List<MessageRecord> findByVerification(String verificationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM message WHERE verification_id = ? ORDER BY created_at, "
                + "direction DESC", mapper, verificationId);
    }

    /** The outbound message of a type for a verification, if one was already signed (reused on redelivery). */
    public Optional<MessageRecord> findOutbound(String verificationId, String type) {
        return jdbc.query("SELECT " + COLUMNS + " FROM message WHERE verification_id = ? AND direction = 'OUT' "
                + "AND type = ?", mapper, verificationId, type).stream().findFirst();
    }

    /** The envelope of the latest message received from a partner, if any. */
    public Optional<String> latestInboundEnvelope(String partner) {
        return jdbc.query("SELECT message_id, envelope FROM message WHERE partner = ? AND direction = 'IN' "
                + "ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> envelope.open(rs.getString(1), rs.getString(2)), partner).stream().findFirst();
    }

    public void markEnqueued(String messageId) {
        jdbc.update("UPDATE message SET enqueued_at = ? WHERE message_id = ? AND enqueued_at IS NULL",
                ts(clock.instant()), messageId);
    }

    /** The request types as an SQL list (constants of {@link MessageType}, never input). */
    private static final String REQUEST_TYPES = MessageType.requestTypes().stream().map(t -> "'" + t.name() + "'")
            .sorted().collect(java.util.stream.Collectors.joining(","));

    /** Outbound one-way notices stored but never queued (requests are queued by their verification). */
    public List<String> findNotEnqueuedNotices(java.time.Instant createdBefore, int limit) {
        return jdbc.queryForList("SELECT message_id FROM message WHERE direction = 'OUT' AND status = 'PENDING' "
                + "AND enqueued_at IS NULL AND type NOT IN (" + REQUEST_TYPES + ") AND created_at < ? "
                + "ORDER BY created_at FETCH FIRST " + limit + " ROWS ONLY", String.class, ts(createdBefore));
    }

    /** When the message was (last) queued for delivery. */
    public Optional<Instant> enqueuedAt(String messageId) {
        return jdbc.queryForList("SELECT enqueued_at FROM message WHERE message_id = ?", Timestamp.class, messageId)
                .stream().filter(java.util.Objects::nonNull).map(Timestamp::toInstant).findFirst();
    }

    /**
     * The calls made with this message since it was last put into delivery (first queued, or replayed by an
     * operator): what a partner's retry budget is measured against, across restarts and broker fail-overs.
     */
    public int attemptsOfTheRound(String messageId) {
        return jdbc.queryForList("SELECT attempts - attempts_before_round FROM message WHERE message_id = ?",
                Integer.class, messageId).stream().findFirst().orElse(0);
    }

    /** Counts one call made to the partner with this message. */
    public void countAttempt(String messageId) {
        jdbc.update("UPDATE message SET attempts = attempts + 1, updated_at = ? WHERE message_id = ?",
                ts(clock.instant()), messageId);
    }

    /** Notes why the last call failed (before the next one is tried). */
    public void noteError(String messageId, String error) {
        jdbc.update("UPDATE message SET last_error = ?, updated_at = ? WHERE message_id = ?",
                truncate(error, 1000), ts(clock.instant()), messageId);
    }

    public void updateStatus(String messageId, MessageRecord.MessageStatus status, String error) {
        jdbc.update("UPDATE message SET status = ?, last_error = COALESCE(?, last_error), updated_at = ? "
                + "WHERE message_id = ?", status.name(), truncate(error, 1000), ts(clock.instant()), messageId);
    }

    /**
     * An operator replays a dead letter: the failed outbound messages of the verification are pending again,
     * so delivery retries with the same signed message and a new retry budget (the attempts before and the
     * last error stay as history).
     */
    public int resetFailedRequests(String verificationId) {
        return jdbc.update("UPDATE message SET status = 'PENDING', attempts_before_round = attempts, updated_at = ? "
                + "WHERE verification_id = ? AND direction = 'OUT' AND status = 'FAILED'", ts(clock.instant()),
                verificationId);
    }

    /**
     * An operator replays a failed notice: back to PENDING and not queued, so it is queued again with a fresh
     * age. Returns false when the message is not a failed one.
     */
    public boolean resetFailedNotice(String messageId) {
        return jdbc.update("UPDATE message SET status = 'PENDING', enqueued_at = NULL, attempts_before_round = attempts, "
                + "updated_at = ? WHERE message_id = ? AND direction = 'OUT' AND status = 'FAILED'", ts(clock.instant()),
                messageId) == 1;
    }

    /** Outbound delivery per partner: last success and failure, pending, and what was settled since a time. */
    public record PartnerOutbound(Instant lastSuccess, Instant lastFailure, long pending, long deliveredRecent,
            long failedRecent) {
    }

    /** {@link PartnerOutbound} for every partner that was sent anything, by partner id. */
    public Map<String, PartnerOutbound> outboundByPartner(Instant recentSince) {
        Timestamp since = Timestamp.from(recentSince);
        Map<String, PartnerOutbound> map = new HashMap<>();
        jdbc.query("SELECT partner, "
                + "MAX(CASE WHEN status = 'DELIVERED' THEN updated_at END) AS last_success, "
                + "MAX(CASE WHEN status = 'FAILED' THEN updated_at END) AS last_failure, "
                + "SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END) AS pending, "
                + "SUM(CASE WHEN status = 'DELIVERED' AND updated_at > ? THEN 1 ELSE 0 END) AS delivered_recent, "
                + "SUM(CASE WHEN status = 'FAILED' AND updated_at > ? THEN 1 ELSE 0 END) AS failed_recent "
                + "FROM message WHERE direction = 'OUT' AND partner IS NOT NULL GROUP BY partner",
                rs -> {
                    Timestamp ok = rs.getTimestamp("last_success");
                    Timestamp ko = rs.getTimestamp("last_failure");
                    map.put(rs.getString("partner"), new PartnerOutbound(ok == null ? null : ok.toInstant(),
                            ko == null ? null : ko.toInstant(), rs.getLong("pending"), rs.getLong("delivered_recent"),
                            rs.getLong("failed_recent")));
                }, since, since);
        return map;
    }

    /** When each partner last sent the gateway a message (an answer, a proof, a notice), by partner id. */
    public Map<String, Instant> lastInboundByPartner() {
        Map<String, Instant> map = new HashMap<>();
        jdbc.query("SELECT partner, MAX(created_at) AS last_in FROM message WHERE direction = 'IN' "
                + "AND partner IS NOT NULL GROUP BY partner",
                rs -> {
                    Timestamp at = rs.getTimestamp("last_in");
                    if (at != null) {
                        map.put(rs.getString("partner"), at.toInstant());
                    }
                });
        return map;
    }

    /** The error of the partner's latest failed outbound message, if any. */
    public Optional<String> lastOutboundError(String partner) {
        return jdbc.queryForList("SELECT last_error FROM message WHERE partner = ? AND direction = 'OUT' "
                + "AND status = 'FAILED' ORDER BY updated_at DESC FETCH FIRST 1 ROWS ONLY", String.class, partner)
                .stream().findFirst();
    }
}
