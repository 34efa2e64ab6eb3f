package org.assistx.gateway.ops;

import java.util.List;
import org.assistx.gateway.tracking.InboundRefusals;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations API: inbound messages and requests refused for security reasons (forged, replayed or
 * mismatched partner replies, unsafe XML, township calls refused for their identity), newest first.
 */
@RestController
@RequestMapping(path = "/api/v1/ops/refusals", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpsRefusalController {

    /** A page of refusals; {@code nextBefore} asks for the next (older) page, null on the last one. */
    public record Page(List<InboundRefusals.Refusal> refusals, Long nextBefore) {
    }

    private final InboundRefusals refusals;

    public OpsRefusalController(InboundRefusals refusals) {
        this.refusals = refusals;
    }

    @GetMapping
    public Page list(@RequestParam(required = false) String code, @RequestParam(required = false) String partner,
            @RequestParam(required = false) String channel, @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = "50") int limit) {
        int size = Math.max(1, Math.min(limit, 500));
        List<InboundRefusals.Refusal> page = refusals.list(code, partner, channel, before, size);
        return new Page(page, page.size() == size ? page.get(page.size() - 1).seq() : null);
    }
}
