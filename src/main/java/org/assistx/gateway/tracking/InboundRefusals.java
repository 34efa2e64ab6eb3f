package org.assistx.gateway.tracking;

import static org.assistx.gateway.tracking.VerificationRepository.instant;
import static org.assistx.gateway.tracking.VerificationRepository.truncate;
import static org.assistx.gateway.tracking.VerificationRepository.ts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.audit.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code inbound_refusal} table: every inbound message or request refused for a reason that matters
 * for security, with its stable code, for the operations API. A refusal is recorded in its own transaction
 * (the refused work itself is rolled back), and a failure to record it never hides the refusal. Each one is
 * also counted in {@code assistx_refusals_total{channel,code}} (counted even when the row cannot be written).
 */
@Repository
public class InboundRefusals {

    private static final Logger log = LoggerFactory.getLogger(InboundRefusals.class);

    /**
     * Where the refused message or request came in; {@code EXCHANGE} is a message at the federation exchange endpoint;
     * {@code DIRECTORY} is a federation directory read from its
     * source (or the cache file) and refused, the source (URL or path) in {@code sender}.
     */
    public enum Channel { REST, SOAP, JMS, PARTNER_REPLY, EXCHANGE, DIRECTORY }

    /** One recorded refusal. */
    public record Refusal(long seq, Instant refusedAt, String channel, String sender, String partner, String code,
            String messageId, String verificationId, String remoteAddress, String detail) {
    }

    /** What to record; {@code detail} is masked before it is stored. */
    public record Entry(Channel channel, String sender, String partner, String code, String messageId,
            String verificationId, String remoteAddress, String detail) {
    }

    private static final String COLUMNS = "seq, refused_at, channel, sender, partner, code, message_id, "
            + "verification_id, remote_address, detail";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    public InboundRefusals(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Entry e) {
        String detail = Masking.freeText(e.detail());
        Counter.builder("assistx.refusals").description("Inbound messages and requests refused, by stable code")
                .tags("channel", e.channel().name(), "code", String.valueOf(clean(e.code(), 40))).register(meters)
                .increment();
        try {
            jdbc.update("INSERT INTO inbound_refusal (refused_at, channel, sender, partner, code, message_id, "
                    + "verification_id, remote_address, detail) VALUES (?,?,?,?,?,?,?,?,?)", ts(clock.instant()),
                    e.channel().name(), clean(e.sender(), 64), clean(e.partner(), 64), clean(e.code(), 40),
                    clean(e.messageId(), 64), clean(e.verificationId(), 40), clean(e.remoteAddress(), 64),
                    truncate(detail, 1000));
        } catch (DataAccessException failed) {
            log.error("Refusal {} on {} could not be recorded: {}", e.code(), e.channel(),
                    failed.getMostSpecificCause().getMessage());
        }
        log.warn("Refused inbound {} from {}{}: {} ({})", e.channel(), clean(e.sender(), 64),
                e.partner() == null ? "" : " (partner " + e.partner() + ")", clean(e.code(), 40), detail);
    }

    /** Newest first, at most {@code limit}, optionally by code, partner (or sender), channel, and before a seq. */
    @Transactional(readOnly = true)
    public List<Refusal> list(String code, String partner, String channel, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM inbound_refusal WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (code != null && !code.isBlank()) {
            sql.append(" AND code = ?");
            args.add(code);
        }
        if (partner != null && !partner.isBlank()) {
            sql.append(" AND (partner = ? OR sender = ?)");
            args.add(partner);
            args.add(partner);
        }
        if (channel != null && !channel.isBlank()) {
            sql.append(" AND channel = ?");
            args.add(channel);
        }
        if (before != null) {
            sql.append(" AND seq < ?");
            args.add(before);
        }
        sql.append(" ORDER BY seq DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), MAPPER, args.toArray());
    }

    /** An identifier a caller chose cut to its column and stripped of control characters (no forged log lines). */
    private static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        value.codePoints().limit(max).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return truncate(sb.toString(), max);
    }

    private static final RowMapper<Refusal> MAPPER = (rs, n) -> new Refusal(rs.getLong("seq"),
            instant(rs, "refused_at"), rs.getString("channel"), rs.getString("sender"), rs.getString("partner"),
            rs.getString("code"), rs.getString("message_id"), rs.getString("verification_id"),
            rs.getString("remote_address"), rs.getString("detail"));
}
