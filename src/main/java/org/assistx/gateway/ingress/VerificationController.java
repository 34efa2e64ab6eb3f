package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.assistx.gateway.followup.ApprovalFeedback;
import org.assistx.gateway.followup.EmergencyCases;
import org.assistx.gateway.tracking.VerificationView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/verifications}: townships submit verification requests and read their state (DESIGN §4). */
@RestController
@RequestMapping(path = "/api/v1/verifications", produces = MediaType.APPLICATION_JSON_VALUE)
public class VerificationController {

    private final ClientIdentityResolver identity;
    private final JsonBodyReader reader;
    private final IngressService ingress;
    private final VerificationView views;
    private final EmergencyCases emergencies;
    private final ApprovalFeedback approvals;

    public VerificationController(ClientIdentityResolver identity, JsonBodyReader reader, IngressService ingress,
            VerificationView views, EmergencyCases emergencies, ApprovalFeedback approvals) {
        this.identity = identity;
        this.reader = reader;
        this.ingress = ingress;
        this.views = views;
        this.emergencies = emergencies;
        this.approvals = approvals;
    }

    @PostMapping
    public ResponseEntity<JsonNode> submit(HttpServletRequest request) throws IOException {
        String org = identity.resolve(request);
        JsonNode body = reader.readObject(request.getInputStream(), request.getContentLengthLong());
        IngressService.Answer answer = ingress.submit(org, body);
        return ResponseEntity.status(answer.status()).body(answer.body());
    }

    @GetMapping("/{verificationId}")
    public JsonNode get(@PathVariable String verificationId, HttpServletRequest request) {
        String org = identity.resolve(request);
        ObjectNode view = views.detail(verificationId)
                .filter(v -> org.equals(v.path("residenceTownship").asText()))
                .orElseThrow(() -> new IngressException(HttpStatus.NOT_FOUND, "NOT_FOUND", "verificationId",
                        "没有找到该核查。 / No such verification."));
        emergencies.find(verificationId, org).ifPresent(e -> view.set("emergency", e));
        approvals.find(verificationId).ifPresent(a -> view.set("approval", a));
        return view;
    }
}
