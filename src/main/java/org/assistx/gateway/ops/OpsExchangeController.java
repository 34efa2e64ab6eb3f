package org.assistx.gateway.ops;

import java.util.List;
import org.assistx.gateway.federation.ExchangeInbox;
import org.assistx.gateway.federation.ExchangeReplies;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations API: the hukou side of the federation exchange, newest first — requests other member gateways
 * sent us (with their local verification and the state of the signed answer going back) and the notices
 * received for our townships.
 */
@RestController
@RequestMapping(path = "/api/v1/ops/exchange", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpsExchangeController {

    /** What was received at the exchange endpoint. */
    public record Overview(List<ExchangeReplies.RequestView> requests, List<ExchangeInbox.Entry> notices) {
    }

    private final ExchangeReplies replies;
    private final ExchangeInbox inbox;

    public OpsExchangeController(ExchangeReplies replies, ExchangeInbox inbox) {
        this.replies = replies;
        this.inbox = inbox;
    }

    @GetMapping
    public Overview overview(@RequestParam(defaultValue = "50") int limit) {
        int size = Math.max(1, Math.min(limit, 200));
        return new Overview(replies.recent(size), inbox.recent(size));
    }
}
