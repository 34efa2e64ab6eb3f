package org.assistx.gateway.ops;

import org.assistx.gateway.audit.AuditLog;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations API: the check of the audit chain (DESIGN §8). */
@RestController
@RequestMapping(path = "/api/v1/ops/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpsAuditController {

    private final AuditLog audit;

    public OpsAuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** Walks the whole chain; an answer with {@code intact: false} names the first broken entry. */
    @GetMapping("/verify")
    public AuditLog.Verification verify() {
        return audit.verify();
    }
}
