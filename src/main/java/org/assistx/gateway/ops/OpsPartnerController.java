package org.assistx.gateway.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assistx.gateway.partner.PartnerConfigException;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
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

    private final PartnerRegistry partners;

    public OpsPartnerController(PartnerRegistry partners) {
        this.partners = partners;
    }

    @GetMapping
    public Map<String, Object> list() {
        return inForce();
    }

    @PostMapping("/reload")
    public ResponseEntity<Map<String, Object>> reload() {
        try {
            List<PartnerDescriptor> loaded = partners.load();
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
        crypto.put("trustAnchor", d.crypto().trustAnchor());
        crypto.put("signer", d.crypto().signer());
        m.put("crypto", crypto);
        m.put("timeouts", Map.of("connect", d.timeouts().connect().toString(),
                "response", d.timeouts().response().toString()));
        m.put("retry", d.retry() == null ? null : Map.of("maximumRedeliveries", d.retry().maximumRedeliveries(),
                "initialDelay", d.retry().initialDelay().toString(), "multiplier", d.retry().multiplier(),
                "maximumDelay", d.retry().maximumDelay().toString()));
        m.put("circuitBreaker", d.circuitBreaker() == null ? null : Map.of(
                "failureRateThreshold", d.circuitBreaker().failureRateThreshold(),
                "slidingWindowSize", d.circuitBreaker().slidingWindowSize(),
                "minimumNumberOfCalls", d.circuitBreaker().minimumNumberOfCalls(),
                "waitDurationInOpenState", d.circuitBreaker().waitDurationInOpenState().toString(),
                "permittedCallsInHalfOpenState", d.circuitBreaker().permittedCallsInHalfOpenState()));
        m.put("messageTypes", d.messageTypes().stream().map(Enum::name).toList());
        m.put("mapping", Map.of("file", d.mapping(), "format", p.mapper().spec().format(),
                "sourceSystem", p.mapper().spec().sourceSystem()));
        m.put("requestTemplate", d.request() == null ? null : d.folder().relativize(
                java.nio.file.Path.of(d.request().source())).toString());
        return m;
    }
}
