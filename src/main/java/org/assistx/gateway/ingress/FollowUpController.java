package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.assistx.gateway.followup.ApprovalFeedback;
import org.assistx.gateway.followup.EmergencyCases;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Follow-ups a township records on its verifications: the approval decision fed back to the hukou township
 * (R6) and the formalities of an emergency case (R4), with the list of open emergency backfills.
 */
@RestController
public class FollowUpController {

    private final ClientIdentityResolver identity;
    private final JsonBodyReader reader;
    private final ApprovalFeedback approvals;
    private final EmergencyCases emergencies;

    public FollowUpController(ClientIdentityResolver identity, JsonBodyReader reader, ApprovalFeedback approvals,
            EmergencyCases emergencies) {
        this.identity = identity;
        this.reader = reader;
        this.approvals = approvals;
        this.emergencies = emergencies;
    }

    /** R6: {@code {"decision": "APPROVED"|"REJECTED", "decidedOn", "monthlyAmount", "note"}}. */
    @PostMapping(path = "/api/v1/verifications/{verificationId}/approval", produces = MediaType.APPLICATION_JSON_VALUE)
    public ApprovalFeedback.Approval approval(@PathVariable String verificationId, HttpServletRequest request) throws IOException {
        String org = identity.resolve(request);
        JsonNode body = reader.readObject(request.getInputStream(), request.getContentLengthLong());
        return approvals.decide(verificationId, org, body);
    }

    /** R4: {@code {"reason", "amount", "handlers": [names], "completedOn", "sealed": true}}. */
    @PostMapping(path = "/api/v1/verifications/{verificationId}/emergency-backfill",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public EmergencyCases.Case backfill(@PathVariable String verificationId, HttpServletRequest request) throws IOException {
        String org = identity.resolve(request);
        JsonNode body = reader.readObject(request.getInputStream(), request.getContentLengthLong());
        return emergencies.backfill(verificationId, org, body);
    }

    /** The caller's emergency cases still waiting for their formalities; {@code overdue} past the deadline. */
    @GetMapping(path = "/api/v1/emergencies/open", produces = MediaType.APPLICATION_JSON_VALUE)
    public OpenEmergencies open(HttpServletRequest request) {
        return new OpenEmergencies(emergencies.open(identity.resolve(request)));
    }

    /** {@code {"cases": [...]}}. */
    public record OpenEmergencies(List<EmergencyCases.Case> cases) {
    }
}
