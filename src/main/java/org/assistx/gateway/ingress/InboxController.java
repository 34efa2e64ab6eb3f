package org.assistx.gateway.ingress;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.assistx.gateway.federation.ExchangeInbox;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/inbox}: the notices other member gateways sent to the calling township (identity as for
 * {@code /api/v1/verifications}), newest first. A township sees only the notices addressed to it.
 */
@RestController
@RequestMapping(path = "/api/v1/inbox", produces = MediaType.APPLICATION_JSON_VALUE)
public class InboxController {

    /** The township's notices. */
    public record Inbox(String township, List<ExchangeInbox.Entry> notices) {
    }

    private final ClientIdentityResolver identity;
    private final ExchangeInbox inbox;

    public InboxController(ClientIdentityResolver identity, ExchangeInbox inbox) {
        this.identity = identity;
        this.inbox = inbox;
    }

    @GetMapping
    public Inbox list(HttpServletRequest request, @RequestParam(defaultValue = "50") int limit) {
        String township = identity.resolve(request);
        return new Inbox(township, inbox.forTownship(township, Math.max(1, Math.min(limit, 200))));
    }
}
