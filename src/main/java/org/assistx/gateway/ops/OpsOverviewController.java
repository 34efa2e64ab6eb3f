package org.assistx.gateway.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.delivery.Exchanges;
import org.assistx.gateway.delivery.QueueDepths;
import org.assistx.gateway.tracking.VerificationRepository;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations API, read side: the overview the console opens with, partner health, the overdue list and the
 * record of operator actions.
 */
@RestController
@RequestMapping(path = "/api/v1/ops", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpsOverviewController {

    /** Who is looking, and whether a login is required here. */
    public record Me(String name, List<String> roles, boolean authenticated, boolean loginRequired) {
    }

    /** Messages waiting on the gateway's queues. */
    public record Queues(long dispatch, long deadLetters) {
    }

    /** Everything on the console's first page. */
    public record Overview(Instant generatedAt, Me operator, List<RouteOps.RouteView> routes,
            List<PartnerHealth.PartnerView> partners, Queues queues, Map<String, Long> verificationsByStatus,
            long overdue, List<CertificateStatus> certificates) {
    }

    private final RouteOps routes;
    private final PartnerHealth partners;
    private final QueueDepths depths;
    private final Deadlines deadlines;
    private final OperatorActions actions;
    private final SigningIdentity gatewayIdentity;
    private final OpsProperties ops;
    private final VerificationRepository verifications;
    private final Clock clock;

    public OpsOverviewController(RouteOps routes, PartnerHealth partners, QueueDepths depths, Deadlines deadlines,
            OperatorActions actions, SigningIdentity gatewayIdentity, OpsProperties ops, VerificationRepository verifications,
            Clock clock) {
        this.routes = routes;
        this.partners = partners;
        this.depths = depths;
        this.deadlines = deadlines;
        this.actions = actions;
        this.gatewayIdentity = gatewayIdentity;
        this.ops = ops;
        this.verifications = verifications;
        this.clock = clock;
    }

    @GetMapping("/me")
    public Me me(HttpServletRequest request) {
        Operator who = Operator.current(request);
        return new Me(who.name(), who.roles(), who.authenticated(), ops.loginRequired());
    }

    @GetMapping("/overview")
    public Overview overview(HttpServletRequest request) {
        Instant now = clock.instant();
        List<PartnerHealth.PartnerView> partnerViews = partners.all();
        List<CertificateStatus> certificates = new ArrayList<>();
        certificates.add(CertificateStatus.of("GATEWAY_SIGNER", gatewayIdentity.organisation(),
                gatewayIdentity.certificate(), now, ops.certificateWarning()));
        partnerViews.forEach(p -> certificates.addAll(p.certificates()));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (String s : List.of("ACCEPTED", "SENT", "ANSWERED", "PROCEED_IMMEDIATELY", "UNDETERMINED")) {
            byStatus.put(s, 0L);
        }
        byStatus.putAll(verifications.countByStatus());
        return new Overview(now, me(request), routes.all(), partnerViews,
                new Queues(depths.depth(Exchanges.DISPATCH_QUEUE), depths.depth(DeadLetters.QUEUE)), byStatus,
                deadlines.overdueCount(), certificates);
    }

    @GetMapping("/health/partners")
    public List<PartnerHealth.PartnerView> partners() {
        return partners.all();
    }

    @GetMapping("/health/partners/{partnerId}")
    public PartnerHealth.PartnerView partner(@PathVariable String partnerId) {
        return partners.one(partnerId).orElseThrow(() -> OpsException.notFound("partnerId", "该合作方"));
    }

    @GetMapping("/overdue")
    public Deadlines.Report overdue() {
        return deadlines.report();
    }

    @GetMapping("/actions")
    public List<OperatorActions.Entry> actions(@RequestParam(defaultValue = "100") int limit) {
        return actions.recent(limit);
    }
}
