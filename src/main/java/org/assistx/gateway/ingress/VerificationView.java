package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.assistx.gateway.mapping.NonReceiptProof;
import org.assistx.gateway.partner.BusinessDeadlines;
import org.assistx.gateway.policy.ProofOfNonReceipt;
import org.assistx.gateway.policy.VerificationRequest;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRepository;
import org.assistx.gateway.tracking.StoredJson;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.assistx.gateway.tracking.VerificationStatus;
import org.springframework.stereotype.Component;

/** The JSON a township reads about its verification: the 202 summary and the full GET view (DESIGN §4). */
@Component
public class VerificationView {

    private final VerificationRepository verifications;
    private final MessageRepository messages;
    private final BusinessDeadlines deadlines;
    private final ObjectMapper json;
    private final Clock clock;

    public VerificationView(VerificationRepository verifications, MessageRepository messages,
            BusinessDeadlines deadlines, ObjectMapper json, Clock clock) {
        this.verifications = verifications;
        this.messages = messages;
        this.deadlines = deadlines;
        this.json = json;
        this.clock = clock;
    }

    /** {@code {"verificationId", "status", "jurisdiction", "category", "route"}}. */
    public ObjectNode summary(VerificationRecord v) {
        ObjectNode n = json.createObjectNode();
        n.put("verificationId", v.verificationId());
        n.put("requestId", v.requestId());
        n.put("status", v.status().name());
        n.put("jurisdiction", v.jurisdiction());
        n.put("category", v.category());
        if (v.routePartner() == null) {
            n.putNull("route");
        } else {
            ObjectNode route = n.putObject("route");
            route.put("partner", v.routePartner());
            route.put("recipient", v.routeRecipient());
        }
        return n;
    }

    public Optional<ObjectNode> detail(String verificationId) {
        return verifications.find(verificationId).map(this::detail);
    }

    public ObjectNode detail(VerificationRecord v) {
        ObjectNode n = summary(v);
        n.put("residenceTownship", v.residenceTownship());
        n.put("applicant", v.applicantMasked());
        if (v.statusReason() != null) {
            n.put("statusReason", v.statusReason());
        }
        n.put("createdAt", v.createdAt().toString());
        n.put("updatedAt", v.updatedAt().toString());
        putInstant(n, "answeredAt", v.answeredAt());
        if (v.routePartner() != null) {
            BusinessDeadlines.Deadline d = deadlines.of(v.routePartner(), v.createdAt(),
                    v.status() == VerificationStatus.ACCEPTED || v.status() == VerificationStatus.SENT, clock.instant());
            ObjectNode deadline = n.putObject("deadline");
            deadline.put("workingDays", d.workingDays());
            deadline.put("dueAt", d.dueAt().toString());
            deadline.put("overdue", d.overdue());
        }
        ArrayNode history = n.putArray("messages");
        for (MessageRecord m : messages.findByVerification(v.verificationId())) {
            ObjectNode h = history.addObject();
            h.put("messageId", m.messageId());
            h.put("type", m.type());
            h.put("direction", m.direction().name());
            h.put("partner", m.partner());
            h.put("status", m.status().name());
            h.put("attempts", m.attempts());
            if (m.lastError() != null) {
                h.put("lastError", m.lastError());
            }
            h.put("createdAt", m.createdAt().toString());
            h.put("updatedAt", m.updatedAt().toString());
        }
        if (v.resultJson() != null) {
            n.set("result", StoredJson.read(json, v.resultJson()));
        } else if (v.status() == VerificationStatus.UNDETERMINED) {
            ObjectNode result = n.putObject("result");
            result.put("outcome", "UNDETERMINED");
            result.putArray("records");
            result.putNull("proof");
        }
        return n;
    }


    /** The result of an R8 case answered by the proof the applicant brought. */
    public String proofResult(VerificationRequest r) {
        ProofOfNonReceipt p = r.proofOfNonReceipt();
        NonReceiptProof proof = new NonReceiptProof(p.documentNumber(), r.applicant().idNumber(),
                r.applicant().name(), p.issuerDivision(), null, p.issuedOn(), p.validUntil(), NonReceiptProof.APPLICANT_PROOF,
                // The policy accepted the request only if an attached signed document verified.
                p.signedDocument() != null, "APPLICANT");
        ObjectNode result = json.createObjectNode();
        result.put("outcome", "NOT_RECEIVING");
        result.putArray("records");
        result.set("proof", json.valueToTree(proof));
        return StoredJson.write(json, result);
    }

    private static void putInstant(ObjectNode n, String field, Instant i) {
        if (i != null) {
            n.put(field, i.toString());
        }
    }
}
