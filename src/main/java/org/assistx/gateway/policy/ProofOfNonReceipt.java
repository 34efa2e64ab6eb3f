package org.assistx.gateway.policy;

import java.time.LocalDate;

/** A proof of non-receipt issued by the hukou county's civil-affairs department (R8). */
public record ProofOfNonReceipt(String documentNumber, String issuerDivision, LocalDate issuedOn,
        LocalDate validUntil, String signedDocument) {
}
