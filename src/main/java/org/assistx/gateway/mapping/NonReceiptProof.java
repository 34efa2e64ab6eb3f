package org.assistx.gateway.mapping;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

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
}
