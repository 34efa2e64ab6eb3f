package org.assistx.gateway.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assistx.gateway.Code;
import org.assistx.gateway.audit.Masking;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRepository;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Finding verifications and following one through every hop: accepted from the township, queued, signed,
 * sent to the partner (attempts, errors), answered (verified reply), its outcome, a dead letter if parked,
 * and what operators did to it. Personal data appears masked only; a search by ID number masks the number
 * first and compares masked forms, so the full number is never stored or shown.
 */
@Component
public class VerificationTraces {

    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]|\\d{15}");
    private static final Pattern MASKED = Pattern.compile("\\d{6}\\*{4,}\\d{3}[\\dXx]");

    /** One line of a search result. */
    public record Summary(String verificationId, String requestId, String clientOrg, String status, String outcome,
            String jurisdiction, String category, String partner, String residenceTownship, String applicant,
            Instant createdAt, Instant updatedAt) {
    }

    /**
     * One hop of a verification's path.
     *
     * @param step   {@code ACCEPTED}, {@code QUEUED}, {@code SIGNED}, {@code DELIVERY}, {@code RECEIVED},
     *               {@code RESULT}, {@code UNDETERMINED}, {@code DEAD_LETTER}, {@code OPERATOR_ACTION}
     * @param state  {@code OK}, {@code WAITING}, {@code FAILED} or {@code INFO}: the colour of the hop
     */
    public record Hop(Instant at, String step, String state, String messageId, String partner, String transport,
            Map<String, Object> data) {
    }

    /** A verification and its path. */
    public record Trace(Summary verification, String statusReason, Instant enqueuedAt, Instant answeredAt,
            List<Hop> hops) {
    }

    /** Hops at the same instant keep the order of the flow. */
    private static final List<String> STEP_ORDER = List.of("ACCEPTED", "QUEUED", "SIGNED", "DELIVERY", "RECEIVED",
            "RESULT", "UNDETERMINED", "DEAD_LETTER", "OPERATOR_ACTION");

    private final VerificationRepository verifications;
    private final MessageRepository messages;
    private final DeadLetters deadLetters;
    private final OperatorActions actions;
    private final PartnerRegistry partners;

    public VerificationTraces(VerificationRepository verifications, MessageRepository messages,
            DeadLetters deadLetters, OperatorActions actions, PartnerRegistry partners) {
        this.verifications = verifications;
        this.messages = messages;
        this.deadLetters = deadLetters;
        this.actions = actions;
        this.partners = partners;
    }

    /**
     * Verifications matching {@code q} (a verification, request or message id; an ID number, masked here;
     * or a masked ID number), filtered by status and partner; newest first. No {@code q}: the latest.
     */
    public List<Summary> search(String q, String status, String partner, int limit) {
        String applicantMasked = null;
        String anyId = null;
        String query = q == null ? "" : q.trim();
        if (!query.isEmpty()) {
            if (ID_NUMBER.matcher(query).matches()) {
                applicantMasked = Masking.idNumber(query.toUpperCase());
            } else if (MASKED.matcher(query).matches()) {
                applicantMasked = query.toUpperCase();
            } else {
                anyId = query;
            }
        }
        return verifications.search(applicantMasked, anyId,
                status == null || status.isBlank() ? null : status.trim().toUpperCase(),
                partner == null || partner.isBlank() ? null : partner.trim(), limit).stream()
                .map(r -> new Summary(r.verificationId(), r.requestId(), r.clientOrg(), r.status(), r.outcome(),
                        r.jurisdiction(), r.category(), r.partner(), r.residenceTownship(), r.applicant(),
                        r.createdAt(), r.updatedAt()))
                .toList();
    }

    public Trace trace(String verificationId) {
        VerificationRecord v = verifications.find(verificationId)
                .orElseThrow(() -> OpsException.notFound("verificationId", "该核查"));
        String transport = Optional.ofNullable(v.routePartner()).flatMap(partners::find)
                .map(p -> p.descriptor().transport().name()).orElse(null);
        List<Hop> hops = new ArrayList<>();
        hops.add(new Hop(v.createdAt(), "ACCEPTED", "OK", null, null, null, data(
                "clientOrg", v.clientOrg(), "requestId", v.requestId(), "jurisdiction", v.jurisdiction(),
                "category", v.category(), "routePartner", v.routePartner(), "routeRecipient", v.routeRecipient(),
                "note", v.routePartner() == null ? v.statusReason() : null)));
        if (v.enqueuedAt() != null) {
            hops.add(new Hop(v.enqueuedAt(), "QUEUED", "OK", null, null, null,
                    data("queue", org.assistx.gateway.delivery.Exchanges.DISPATCH_QUEUE)));
        } else if (v.routePartner() != null && !v.status().isFinal()) {
            hops.add(new Hop(v.updatedAt(), "QUEUED", "WAITING", null, null, null,
                    data("queue", org.assistx.gateway.delivery.Exchanges.DISPATCH_QUEUE)));
        }
        List<MessageRecord> stored = messages.findByVerification(verificationId);
        for (MessageRecord m : stored) {
            if (m.direction() == MessageRecord.Direction.OUT) {
                // A delivered request's hop stands where its reply arrived (the partner took it then).
                Instant deliveredAt = m.status() == MessageRecord.MessageStatus.DELIVERED ? stored.stream()
                        .filter(r -> m.messageId().equals(r.inReplyTo())).map(MessageRecord::createdAt).findFirst()
                        .orElse(m.updatedAt()) : m.updatedAt();
                hops.add(new Hop(m.createdAt(), "SIGNED", "OK", m.messageId(), m.partner(), transport, data(
                        "type", m.type(), "sender", m.sender(), "recipient", m.recipient(),
                        "signedDigest", m.signedDigest())));
                String state = switch (m.status()) {
                    case DELIVERED -> "OK";
                    case FAILED -> "FAILED";
                    default -> m.lastError() == null ? "WAITING" : "FAILED";
                };
                hops.add(new Hop(deliveredAt, "DELIVERY", state, m.messageId(), m.partner(), transport, data(
                        "status", m.status().name(), "attempts", m.attempts(), "lastError", m.lastError())));
            } else {
                hops.add(new Hop(m.createdAt(), "RECEIVED", m.status() == MessageRecord.MessageStatus.RECEIVED ? "OK"
                        : "INFO", m.messageId(), m.partner(), transport, data("type", m.type(), "sender", m.sender(),
                        "recipient", m.recipient(), "status", m.status().name(), "inReplyTo", m.inReplyTo(),
                        "note", m.lastError())));
            }
        }
        switch (v.status()) {
            case ANSWERED -> hops.add(new Hop(v.answeredAt() == null ? v.updatedAt() : v.answeredAt(), "RESULT", "OK",
                    null, v.routePartner(), null, data("outcome", v.outcome())));
            case UNDETERMINED -> hops.add(new Hop(v.updatedAt(), "UNDETERMINED", "FAILED", null, v.routePartner(), null,
                    data("outcome", v.outcome(), "reason", v.statusReason())));
            case PROCEED_IMMEDIATELY -> hops.add(new Hop(v.updatedAt(), "RESULT", "INFO", null, null, null,
                    data("outcome", "PROCEED_IMMEDIATELY")));
            default -> { }
        }
        try {
            for (DeadLetters.DeadLetter d : deadLetters.forVerification(verificationId)) {
                hops.add(new Hop(d.parkedAt(), "DEAD_LETTER", "FAILED", null, v.routePartner(), null, data(
                        "deadLetterId", d.id(), "reason", d.reason(), "reasonCode", d.reasonCode())));
            }
        } catch (OpsException brokerDown) {
            hops.add(new Hop(Instant.now(), "DEAD_LETTER", "INFO", null, null, null,
                    data("reason", brokerDown.getMessage())));
        }
        for (OperatorActions.Entry a : actions.forVerification(verificationId)) {
            hops.add(new Hop(a.performedAt(), "OPERATOR_ACTION", a.outcome() == OperatorActions.Outcome.DONE ? "INFO"
                    : "FAILED", null, null, null, data("action", a.action(), "operator", a.operator(),
                    "reason", a.reason(), "outcome", a.outcome().name())));
        }
        hops.sort(Comparator.comparing(Hop::at, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(h -> STEP_ORDER.indexOf(h.step())));
        Summary summary = new Summary(v.verificationId(), v.requestId(), v.clientOrg(), v.status().name(), v.outcome(),
                v.jurisdiction(), v.category(), v.routePartner(), v.residenceTownship(), v.applicantMasked(),
                v.createdAt(), v.updatedAt());
        return new Trace(summary, v.statusReason(), v.enqueuedAt(), v.answeredAt(), hops);
    }

    public static void requireQuery(String q) {
        if (q != null && q.length() > 100) {
            throw new OpsException(HttpStatus.BAD_REQUEST, Code.INVALID_FIELD, "q", "查询内容过长。 / The query is too long.");
        }
    }

    private static Map<String, Object> data(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
