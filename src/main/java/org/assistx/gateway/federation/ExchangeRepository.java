package org.assistx.gateway.federation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to {@code exchange_request} (requests another member sent us, their local verification and the
 * outbox row of their answer) and {@code exchange_notice} (notices to our townships). Neither holds personal
 * data: the envelopes are in the message store, sealed there.
 */
@Repository
public class ExchangeRepository {

    /** One request taken at the exchange endpoint and the state of its answer. */
    public record Request(String messageId, String memberId, String requestType, String verificationId,
            String requestDigest, Instant receivedAt, String answerMessageId, Instant answeredAt, String answerStatus,
            int answerAttempts, Timestamp answerNextAttemptAt, String answerLastError, Instant deliveredAt) {
    }

    /** One notice taken for a township. */
    public record Notice(String messageId, String memberId, String type, String sender, String recipient,
            String township, String signedDigest, Instant receivedAt) {
    }

    private static final String REQUEST_COLUMNS = "message_id, member_id, request_type, verification_id, "
            + "request_digest, received_at, answer_message_id, answered_at, answer_status, answer_attempts, "
            + "answer_next_attempt_at, answer_last_error, delivered_at";
    private static final String NOTICE_COLUMNS = "message_id, member_id, type, sender, recipient, township, "
            + "signed_digest, received_at";

    private final JdbcTemplate jdbc;

    public ExchangeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insertRequest(Request r) {
        jdbc.update("INSERT INTO exchange_request (message_id, member_id, request_type, verification_id, "
                + "request_digest, received_at, answer_attempts) VALUES (?,?,?,?,?,?,0)", r.messageId(), r.memberId(),
                r.requestType(), r.verificationId(), r.requestDigest(), ts(r.receivedAt()));
    }

    public Optional<Request> findRequest(String messageId) {
        return jdbc.query("SELECT " + REQUEST_COLUMNS + " FROM exchange_request WHERE message_id = ?",
                ExchangeRepository::request, messageId).stream().findFirst();
    }

    /** The request whose local verification this is, its row locked until the transaction ends. */
    public Optional<Request> lockByVerification(String verificationId) {
        return jdbc.query("SELECT " + REQUEST_COLUMNS + " FROM exchange_request WHERE verification_id = ? FOR UPDATE",
                ExchangeRepository::request, verificationId).stream().findFirst();
    }

    /** Local verifications of requests that are final but whose answer is not stored yet. */
    public List<String> findFinalWithoutAnswer(int limit) {
        return jdbc.queryForList("SELECT e.verification_id FROM exchange_request e JOIN verification v "
                + "ON v.verification_id = e.verification_id WHERE e.answer_message_id IS NULL "
                + "AND v.status IN ('ANSWERED','UNDETERMINED') ORDER BY e.received_at FETCH FIRST " + limit
                + " ROWS ONLY", String.class);
    }

    /** Notes the stored answer: its outbox row is due at once. */
    public void markAnswerStored(String messageId, String answerMessageId, Instant at) {
        jdbc.update("UPDATE exchange_request SET answer_message_id = ?, answered_at = ?, answer_status = 'PENDING', "
                + "answer_next_attempt_at = ? WHERE message_id = ?", answerMessageId, ts(at), ts(at), messageId);
    }

    /** Up to 20 answers due at {@code now}, the longest waiting first. */
    public List<Request> findDueAnswers(Instant now) {
        return jdbc.query("SELECT " + REQUEST_COLUMNS + " FROM exchange_request WHERE answer_status = 'PENDING' "
                + "AND answer_next_attempt_at <= ? ORDER BY answer_next_attempt_at FETCH FIRST 20 ROWS ONLY",
                ExchangeRepository::request, ts(now));
    }

    /** Claims an answer for one attempt by moving its next attempt to {@code until}; true for one node only. */
    public boolean claimAnswer(Request r, Instant until) {
        return jdbc.update("UPDATE exchange_request SET answer_next_attempt_at = ? WHERE message_id = ? "
                + "AND answer_status = 'PENDING' AND answer_next_attempt_at = ?", ts(until), r.messageId(),
                r.answerNextAttemptAt()) == 1;
    }

    public void markAnswerDelivered(String messageId, Instant at) {
        jdbc.update("UPDATE exchange_request SET answer_status = 'DELIVERED', answer_attempts = answer_attempts + 1, "
                + "answer_last_error = NULL, delivered_at = ? WHERE message_id = ?", ts(at), messageId);
    }

    public void markAnswerFailed(String messageId, int attempts, String error, Instant next) {
        jdbc.update("UPDATE exchange_request SET answer_attempts = ?, answer_last_error = ?, "
                + "answer_next_attempt_at = ? WHERE message_id = ?", attempts,
                error == null || error.length() <= 1000 ? error : error.substring(0, 1000), ts(next), messageId);
    }

    /** The newest requests, for the operations view. */
    public List<Request> recentRequests(int limit) {
        return jdbc.query("SELECT " + REQUEST_COLUMNS + " FROM exchange_request ORDER BY received_at DESC FETCH FIRST "
                + Math.max(1, Math.min(limit, 200)) + " ROWS ONLY", ExchangeRepository::request);
    }

    public void insertNotice(Notice n) {
        jdbc.update("INSERT INTO exchange_notice (" + NOTICE_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)", n.messageId(),
                n.memberId(), n.type(), n.sender(), n.recipient(), n.township(), n.signedDigest(),
                ts(n.receivedAt()));
    }

    public Optional<Notice> findNotice(String messageId) {
        return jdbc.query("SELECT " + NOTICE_COLUMNS + " FROM exchange_notice WHERE message_id = ?",
                ExchangeRepository::notice, messageId).stream().findFirst();
    }

    /** The notices addressed to a township, newest first. */
    public List<Notice> noticesFor(String township, int limit) {
        return jdbc.query("SELECT " + NOTICE_COLUMNS + " FROM exchange_notice WHERE township = ? "
                + "ORDER BY received_at DESC FETCH FIRST " + Math.max(1, Math.min(limit, 200)) + " ROWS ONLY",
                ExchangeRepository::notice, township);
    }

    /** The newest notices, for the operations view. */
    public List<Notice> recentNotices(int limit) {
        return jdbc.query("SELECT " + NOTICE_COLUMNS + " FROM exchange_notice ORDER BY received_at DESC FETCH FIRST "
                + Math.max(1, Math.min(limit, 200)) + " ROWS ONLY", ExchangeRepository::notice);
    }

    private static Request request(ResultSet rs, int n) throws SQLException {
        return new Request(rs.getString("message_id"), rs.getString("member_id"), rs.getString("request_type"),
                rs.getString("verification_id"), rs.getString("request_digest"), instant(rs, "received_at"),
                rs.getString("answer_message_id"), instant(rs, "answered_at"), rs.getString("answer_status"),
                rs.getInt("answer_attempts"), rs.getTimestamp("answer_next_attempt_at"),
                rs.getString("answer_last_error"), instant(rs, "delivered_at"));
    }

    private static Notice notice(ResultSet rs, int n) throws SQLException {
        return new Notice(rs.getString("message_id"), rs.getString("member_id"), rs.getString("type"),
                rs.getString("sender"), rs.getString("recipient"), rs.getString("township"),
                rs.getString("signed_digest"), instant(rs, "received_at"));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
