package org.assistx.gateway.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.Code;
import org.assistx.gateway.partner.PartnerRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations API: dead letters on {@code assistx.dlq}, replay and discard (audited, discard needs a reason),
 * and the replay of all dead letters of one partner parked within a time range, with one reason.
 */
@RestController
@RequestMapping(path = "/api/v1/ops/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpsDeadLetterController {

    /** Body of replay (optional) and discard (required). */
    public record Why(String reason) {
    }

    /** Body of a bulk replay: the partner, the range {@code [from, to)} of parking times (ISO-8601), why. */
    public record BulkReplay(String partner, String from, String to, String reason) {
    }

    /** What became of one dead letter of a bulk replay: replayed, or skipped with the code and message why. */
    public record BulkOutcome(String deadLetterId, String verificationId, String noticeId, boolean replayed,
            String code, String message) {
    }

    /** What a bulk replay did; {@code more} when further dead letters match beyond {@link #BULK_LIMIT}. */
    public record BulkReplayed(String partner, Instant from, Instant to, int matched, int replayed, int skipped,
            boolean more, List<BulkOutcome> letters) {
    }

    /** The longest time range of one bulk replay. */
    static final Duration BULK_RANGE = Duration.ofDays(31);
    /** The most dead letters one bulk replay takes on; the answer says when more are left. */
    static final int BULK_LIMIT = 500;

    private final DeadLetters deadLetters;
    private final OperatorActions actions;
    private final PartnerRegistry partners;

    public OpsDeadLetterController(DeadLetters deadLetters, OperatorActions actions, PartnerRegistry partners) {
        this.deadLetters = deadLetters;
        this.actions = actions;
        this.partners = partners;
    }

    @GetMapping
    public List<DeadLetters.DeadLetter> list(@RequestParam(defaultValue = "200") int limit) {
        return deadLetters.list(limit);
    }

    @GetMapping("/{deadLetterId}")
    public DeadLetters.DeadLetter one(@PathVariable String deadLetterId) {
        return deadLetters.find(deadLetterId).orElseThrow(() -> OpsException.notFound("deadLetterId", "该死信"));
    }

    @PostMapping("/{deadLetterId}/replay")
    public DeadLetters.Replayed replay(@PathVariable String deadLetterId, @RequestBody(required = false) Why why,
            HttpServletRequest request) {
        return replayOne(Operator.current(request), deadLetterId, verificationOf(deadLetterId),
                why == null ? null : why.reason(), "");
    }

    /** One dead letter replayed and recorded as {@code DEAD_LETTER_REPLAY}; the summary begins with {@code note}. */
    private DeadLetters.Replayed replayOne(Operator operator, String deadLetterId, String verificationId, String reason,
            String note) {
        return actions.perform(operator, new OperatorActions.Target("DEAD_LETTER_REPLAY", "DEAD_LETTER", deadLetterId,
                verificationId, reason), () -> {
                    DeadLetters.Replayed r = deadLetters.replay(deadLetterId);
                    return new OperatorActions.Result<>(r, r.verificationId(), note + "was " + r.previousStatus()
                            + (r.reset() ? ", reset to ACCEPTED" : "") + ", queued again");
                });
    }

    /**
     * Replays every dead letter of the partner parked in {@code [from, to)}, each recorded as its own
     * {@code DEAD_LETTER_REPLAY} with the one reason, and the whole as one {@code DEAD_LETTER_BULK_REPLAY}.
     * A letter that cannot be replayed (answered meanwhile, taken by someone else) is skipped with its code.
     * Bad input is refused before anything is touched.
     */
    @PostMapping("/replay")
    public BulkReplayed replayAll(@RequestBody(required = false) BulkReplay body, HttpServletRequest request) {
        BulkReplay b = body == null ? new BulkReplay(null, null, null, null) : body;
        String reason = b.reason() == null ? "" : b.reason().trim();
        String partner = b.partner() == null ? "" : b.partner().trim();
        Operator operator = Operator.current(request);
        return actions.perform(operator, new OperatorActions.Target("DEAD_LETTER_BULK_REPLAY", "PARTNER",
                partner.isEmpty() ? "-" : partner, null, reason.isEmpty() ? null : reason), () -> {
                    if (reason.isEmpty()) {
                        throw new OpsException(HttpStatus.BAD_REQUEST, Code.REASON_REQUIRED, "reason",
                                "批量重发死信必须填写原因。 / A bulk replay needs a reason.");
                    }
                    if (partner.isEmpty() || partners.find(partner).isEmpty()) {
                        throw new OpsException(HttpStatus.BAD_REQUEST, Code.INVALID_FIELD, "partner",
                                "请填写在用的对接方编号。 / Give the id of a partner in force.");
                    }
                    Instant from = instant("from", b.from());
                    Instant to = instant("to", b.to());
                    if (!from.isBefore(to) || Duration.between(from, to).compareTo(BULK_RANGE) > 0) {
                        throw new OpsException(HttpStatus.BAD_REQUEST, Code.INVALID_TIME_RANGE, "to",
                                "起点须早于终点，跨度不超过 " + BULK_RANGE.toDays() + " 天。 / from must be before to, "
                                        + "at most " + BULK_RANGE.toDays() + " days apart.");
                    }
                    BulkReplayed done = replayAll(operator, partner, from, to, reason);
                    return new OperatorActions.Result<>(done, null, "from " + from + " to " + to + ": matched "
                            + done.matched() + ", replayed " + done.replayed() + ", skipped " + done.skipped()
                            + (done.more() ? ", more left" : ""));
                });
    }

    private BulkReplayed replayAll(Operator operator, String partner, Instant from, Instant to, String reason) {
        List<DeadLetters.DeadLetter> found = deadLetters.matching(partner, from, to, BULK_LIMIT + 1);
        boolean more = found.size() > BULK_LIMIT;
        List<DeadLetters.DeadLetter> letters = more ? found.subList(0, BULK_LIMIT) : found;
        List<BulkOutcome> outcomes = new ArrayList<>();
        int replayed = 0;
        for (DeadLetters.DeadLetter d : letters) {
            try {
                DeadLetters.Replayed r = replayOne(operator, d.id(), d.verificationId(), reason,
                        "bulk replay of " + partner + ": ");
                outcomes.add(new BulkOutcome(d.id(), r.verificationId(), d.noticeId(), true, null, null));
                replayed++;
            } catch (OpsException e) {
                outcomes.add(new BulkOutcome(d.id(), d.verificationId(), d.noticeId(), false, e.code(), e.getMessage()));
            }
        }
        return new BulkReplayed(partner, from, to, letters.size(), replayed, letters.size() - replayed, more, outcomes);
    }

    /** The instant given for {@code field}; missing or not ISO-8601 is refused with {@code INVALID_FIELD}. */
    private static Instant instant(String field, String value) {
        DateTimeParseException cause = null;
        if (value != null && !value.isBlank()) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                cause = e;
            }
        }
        throw new OpsException(HttpStatus.BAD_REQUEST, Code.INVALID_FIELD.name(), field, field
                + " 须为 ISO-8601 时刻，如 2026-03-01T08:00:00Z。 / " + field
                + " must be an ISO-8601 instant, e.g. 2026-03-01T08:00:00Z.", cause);
    }

    @PostMapping("/{deadLetterId}/discard")
    public DeadLetters.DeadLetter discard(@PathVariable String deadLetterId, @RequestBody(required = false) Why why,
            HttpServletRequest request) {
        String reason = why == null || why.reason() == null ? "" : why.reason().trim();
        return actions.perform(Operator.current(request), new OperatorActions.Target("DEAD_LETTER_DISCARD",
                "DEAD_LETTER", deadLetterId, verificationOf(deadLetterId), reason.isEmpty() ? null : reason), () -> {
                    if (reason.isEmpty()) {
                        throw new OpsException(HttpStatus.BAD_REQUEST, Code.REASON_REQUIRED, "reason",
                                "丢弃死信必须填写原因。 / Discarding a dead letter needs a reason.");
                    }
                    DeadLetters.DeadLetter d = deadLetters.discard(deadLetterId);
                    return new OperatorActions.Result<>(d, d.verificationId(), "discarded: " + d.reason());
                });
    }

    /** The verification a dead letter names, for the record (null if it is gone or the id is malformed). */
    private String verificationOf(String deadLetterId) {
        try {
            return deadLetters.find(deadLetterId).map(DeadLetters.DeadLetter::verificationId).orElse(null);
        } catch (OpsException e) {
            return null;
        }
    }
}
