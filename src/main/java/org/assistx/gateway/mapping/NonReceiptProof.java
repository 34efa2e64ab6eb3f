package org.assistx.gateway.mapping;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A proof of non-receipt (未享受社会救助证明) issued for a person (DESIGN §6), in the canonical format
 * described by {@code non-receipt-proof.schema.json}. {@code signatureVerified} says whether a signature
 * over the proof document itself was verified; a mapping cannot know that unless the partner states it,
 * so it is {@code false} unless the partner's {@code mapping.yaml} maps it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NonReceiptProof(
        String documentNumber,
        String personIdNumber,
        String personName,
        String issuerDivision,
        String issuerName,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd") LocalDate issuedOn,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd") LocalDate validUntil,
        String statement,
        boolean signatureVerified,
        String sourceSystem) {

    /** The statement of a proof the applicant brought. */
    public static final String APPLICANT_PROOF = "申请人提交的未享受社会救助证明 / proof of non-receipt supplied by the applicant";

    /**
     * The proof of non-receipt the applicant attached to a stored request (its JSON body), as the canonical
     * proof of an answer; empty when none was attached. The policy accepted the request only with a valid
     * proof, and only if an attached signed document verified.
     */
    public static Optional<NonReceiptProof> ofApplicantRequest(JsonNode request) {
        JsonNode p = request.path("proofOfNonReceipt");
        if (!p.isObject()) {
            return Optional.empty();
        }
        JsonNode a = request.path("applicant");
        LocalDate validUntil = p.path("validUntil").isTextual() ? LocalDate.parse(p.path("validUntil").asText()) : null;
        return Optional.of(new NonReceiptProof(p.path("documentNumber").asText(),
                a.path("idNumber").asText().toUpperCase(Locale.ROOT), a.path("name").asText(),
                p.path("issuerDivision").asText(), null, LocalDate.parse(p.path("issuedOn").asText()), validUntil,
                APPLICANT_PROOF, p.path("signedDocument").isTextual(), "APPLICANT"));
    }
}
