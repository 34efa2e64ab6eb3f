package org.assistx.gateway.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assistx.gateway.Code;
import org.assistx.gateway.delivery.ClusterSync;
import org.assistx.gateway.delivery.PartnerDeliveryRoutes;
import org.assistx.gateway.partner.PartnerConfigException;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations API for partners: the set in force ({@code GET /api/v1/ops/partners}) and a reload from the
 * partner folders ({@code POST /api/v1/ops/partners/reload}). A reload validates every folder first
 * (descriptor, trust anchor, mapping, request template, sample replay, no overlapping coverage); if any
 * is invalid it is refused with {@code 422} and each problem (file, field, what is wrong), and the set in
 * force stays as it was. No rebuild and no restart: routing and delivery use the new set at once.
 */
@RestController
@RequestMapping("/api/v1/ops/partners")
public class OpsPartnerController {

    private static final Logger log = LoggerFactory.getLogger(OpsPartnerController.class);

    /** Body of a suspension: why (required). */
    public record Why(String reason) {
    }

    private final PartnerRegistry partners;
    private final PartnerDeliveryRoutes delivery;
    private final OperatorActions actions;
    private final ClusterSync cluster;

    public OpsPartnerController(PartnerRegistry partners, PartnerDeliveryRoutes delivery, OperatorActions actions,
            ClusterSync cluster) {
        this.cluster = cluster;
        this.partners = partners;
        this.delivery = delivery;
        this.actions = actions;
    }

    /** Whether delivery to the partner flows: its route, circuit breaker and any operator suspension. */
    @GetMapping("/{partnerId}/delivery")
    public PartnerDeliveryRoutes.State delivery(@PathVariable String partnerId) {
        return delivery.state(known(partnerId));
    }

    /**
     * Stops delivery to the partner: its route takes nothing from its queue, where new messages wait, until an
     * operator resumes it (also across restarts). Needs a reason.
     */
    @PostMapping("/{partnerId}/suspend")
    public PartnerDeliveryRoutes.State suspend(@PathVariable String partnerId, @RequestBody(required = false) Why why,
            HttpServletRequest request) {
        String reason = why == null || why.reason() == null ? "" : why.reason().trim();
        Operator operator = Operator.current(request);
        return actions.perform(operator, new OperatorActions.Target("PARTNER_SUSPEND", "PARTNER", partnerId, null,
                reason.isEmpty() ? null : reason), () -> {
                    known(partnerId);
                    if (reason.isEmpty()) {
                        throw new OpsException(HttpStatus.BAD_REQUEST, Code.REASON_REQUIRED, "reason",
                                "暂停对接方必须填写原因。 / Suspending a partner needs a reason.");
                    }
                    PartnerDeliveryRoutes.State after = delivery.suspend(partnerId, operator.name(), reason);
                    return new OperatorActions.Result<>(after, null, "flow " + after.flow());
                });
    }

    /** Lets delivery to the partner go on and closes its circuit breaker: waiting messages are sent now. */
    @PostMapping("/{partnerId}/resume")
    public PartnerDeliveryRoutes.State resume(@PathVariable String partnerId, @RequestBody(required = false) Why why,
            HttpServletRequest request) {
        String reason = why == null || why.reason() == null || why.reason().isBlank() ? null : why.reason().trim();
        return actions.perform(Operator.current(request), new OperatorActions.Target("PARTNER_RESUME", "PARTNER",
                partnerId, null, reason), () -> {
                    known(partnerId);
                    PartnerDeliveryRoutes.State after = delivery.resume(partnerId);
                    return new OperatorActions.Result<>(after, null, "flow " + after.flow());
                });
    }

    private String known(String partnerId) {
        if (partners.find(partnerId).isEmpty()) {
            throw OpsException.notFound("partnerId", "该对接方");
        }
        return partnerId;
    }

    @GetMapping
    public Map<String, Object> list() {
        return inForce();
    }

    @PostMapping("/reload")
    public ResponseEntity<Map<String, Object>> reload() {
        try {
            List<PartnerDescriptor> loaded = partners.load();
            cluster.reloadedHere();
            log.info("Operator reloaded partners: {}", loaded.stream().map(PartnerDescriptor::id).toList());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reloaded", true);
            body.putAll(inForce());
            return ResponseEntity.ok(body);
        } catch (PartnerConfigException e) {
            log.warn("Partner reload refused; the previous set stays in force: {}", e.getMessage());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reloaded", false);
            body.put("errors", e.problems().stream().map(p -> Map.of("code", e.code(), "field", field(p),
                    "message", p)).toList());
            body.putAll(inForce());
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(body);
        }
    }

    /** The file a problem is about (the text before the first ": "). */
    private static String field(String problem) {
        int i = problem.indexOf(": ");
        return i > 0 ? problem.substring(0, i) : "";
    }

    private Map<String, Object> inForce() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("directory", partners.directory().toString());
        body.put("loadedAt", partners.loadedAt() == null ? null : partners.loadedAt().toString());
        body.put("partners", partners.all().stream().map(OpsPartnerController::describe).toList());
        return body;
    }

    private static Map<String, Object> describe(PartnerRegistry.Partner p) {
        PartnerDescriptor d = p.descriptor();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("title", d.title());
        m.put("covers", d.covers());
        m.put("organisation", d.organisation());
        m.put("transport", d.transport().name());
        m.put("endpoint", d.endpoint());
        m.put("replyTo", d.replyTo());
        Map<String, Object> crypto = new LinkedHashMap<>();
        crypto.put("profile", d.crypto().profile().name());
        crypto.put("signatureAlgorithm", d.crypto().profile().signatureAlgorithm());
        crypto.put("canonicalization", d.crypto().canonicalization().name());
        crypto.put("trust", d.crypto().trust().stream().map(java.nio.file.Path::toString).toList());
        crypto.put("signer", d.crypto().signer());
        m.put("crypto", crypto);
        m.put("timeouts", Map.of("connect", d.timeouts().connect().toString(),
                "response", d.timeouts().response().toString()));
        if (d.retry() == null) {
            m.put("retry", null);
        } else {
            Map<String, Object> retry = new LinkedHashMap<>();
            retry.put("maximumRedeliveries", d.retry().maximumRedeliveries());
            retry.put("initialDelay", d.retry().initialDelay().toString());
            retry.put("multiplier", d.retry().multiplier());
            retry.put("maximumDelay", d.retry().maximumDelay().toString());
            retry.put("maximumAge", d.retry().maximumAge() == null ? null : d.retry().maximumAge().toString());
            m.put("retry", retry);
        }
        m.put("circuitBreaker", d.circuitBreaker() == null ? null : Map.of(
                "failureRateThreshold", d.circuitBreaker().failureRateThreshold(),
                "slidingWindowSize", d.circuitBreaker().slidingWindowSize(),
                "minimumNumberOfCalls", d.circuitBreaker().minimumNumberOfCalls(),
                "waitDurationInOpenState", d.circuitBreaker().waitDurationInOpenState().toString(),
                "permittedCallsInHalfOpenState", d.circuitBreaker().permittedCallsInHalfOpenState()));
        m.put("deadlineWorkingDays", d.deadlineWorkingDays());
        m.put("messageTypes", d.messageTypes().stream().map(Enum::name).toList());
        m.put("mapping", Map.of("file", d.mapping(), "format", p.mapper().spec().format(),
                "sourceSystem", p.mapper().spec().sourceSystem()));
        m.put("requestTemplate", d.request() == null ? null : d.folder().relativize(
                java.nio.file.Path.of(d.request().source())).toString());
        return m;
    }
}
