package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.assistx.gateway.Code;
import org.assistx.gateway.followup.ApprovalFeedback;
import org.assistx.gateway.followup.EmergencyCases;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A township's read of one of its verifications, the same on every channel (REST, SOAP): the full view
 * with its emergency case and approval feedback; another township's verification is not found.
 */
@Component
public class TownshipVerifications {

    private final VerificationView views;
    private final EmergencyCases emergencies;
    private final ApprovalFeedback approvals;

    private final ObjectMapper json;

    public TownshipVerifications(VerificationView views, EmergencyCases emergencies, ApprovalFeedback approvals,
            ObjectMapper json) {
        this.json = json;
        this.views = views;
        this.emergencies = emergencies;
        this.approvals = approvals;
    }

    public Optional<ObjectNode> find(String verificationId, String org) {
        return views.detail(verificationId)
                .filter(v -> org.equals(v.path("residenceTownship").asText()))
                .map(view -> {
                    emergencies.find(verificationId, org).ifPresent(e -> view.set("emergency", json.valueToTree(e)));
                    approvals.find(verificationId).ifPresent(a -> view.set("approval", json.valueToTree(a)));
                    return view;
                });
    }

    public static IngressException notFound() {
        return new IngressException(HttpStatus.NOT_FOUND, Code.NOT_FOUND, "verificationId",
                "没有找到该核查。 / No such verification.");
    }
}
