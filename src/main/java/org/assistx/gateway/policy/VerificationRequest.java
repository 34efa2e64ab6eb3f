package org.assistx.gateway.policy;

import java.time.LocalDate;

/** A township's verification request, parsed and typed (DESIGN §4). */
public record VerificationRequest(
        String requestId,
        LocalDate appliedOn,
        String residenceTownship,
        Applicant applicant,
        LocalDate residenceSince,
        AssistanceType assistanceType,
        boolean declarationOfNonReceipt,
        Emergency emergency,
        ProofOfNonReceipt proofOfNonReceipt,
        String callbackUrl) {
}
