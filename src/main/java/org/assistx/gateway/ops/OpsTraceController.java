package org.assistx.gateway.ops;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operations API: find verifications (masked), and the trace of one through every hop. */
@RestController
@RequestMapping(path = "/api/v1/ops/verifications", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpsTraceController {

    private final VerificationTraces traces;

    public OpsTraceController(VerificationTraces traces) {
        this.traces = traces;
    }

    @GetMapping
    public List<VerificationTraces.Summary> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) String status, @RequestParam(required = false) String partner,
            @RequestParam(defaultValue = "50") int limit) {
        VerificationTraces.requireQuery(q);
        return traces.search(q, status, partner, limit);
    }

    @GetMapping("/{verificationId}/trace")
    public VerificationTraces.Trace trace(@PathVariable String verificationId) {
        return traces.trace(verificationId);
    }
}
