package org.assistx.gateway.policy;

import java.time.LocalDate;

/**
 * A proof of non-receipt (未享受社会救助证明) issued by the civil-affairs department of the hukou county
 * (rule R8).
 *
 * @param documentNumber  number of the document
 * @param issuerDivision  6-digit code of the issuing county
 * @param issuedOn        issue date
 * @param validUntil      last day the proof is valid
 * @param signedDocument  base64 of a signed canonical proof (optional)
 */
public record ProofOfNonReceipt(String documentNumber, String issuerDivision, LocalDate issuedOn,
                                LocalDate validUntil, String signedDocument) {
}
