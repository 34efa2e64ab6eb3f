package org.assistx.gateway.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.assistx.gateway.Code;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operations API: dead letters on {@code assistx.dlq}, replay and discard (audited, discard needs a reason). */
@RestController
@RequestMapping(path = "/api/v1/ops/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpsDeadLetterController {

    /** Body of replay (optional) and discard (required). */
    public record Why(String reason) {
    }

    private final DeadLetters deadLetters;
    private final OperatorActions actions;

    public OpsDeadLetterController(DeadLetters deadLetters, OperatorActions actions) {
        this.deadLetters = deadLetters;
        this.actions = actions;
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
        return actions.perform(Operator.current(request), new OperatorActions.Target("DEAD_LETTER_REPLAY",
                "DEAD_LETTER", deadLetterId, verificationOf(deadLetterId), why == null ? null : why.reason()), () -> {
                    DeadLetters.Replayed r = deadLetters.replay(deadLetterId);
                    return new OperatorActions.Result<>(r, r.verificationId(),
                            "was " + r.previousStatus() + (r.reset() ? ", reset to ACCEPTED" : "") + ", queued again");
                });
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
