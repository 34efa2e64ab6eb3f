package org.assistx.gateway.policy;

import java.time.LocalDate;

/**
 * A township's request to verify an application for residence-based assistance (DESIGN §4). Built by
 * {@link VerificationRequestParser}, which normalises division codes (12 digits cut to 9) and ID numbers
 * (check character upper case).
 *
 * @param requestId               the township's own id, 1–64 characters of {@code [A-Za-z0-9._:-]}
 * @param appliedOn               application date
 * @param residenceTownship       9-digit township where the applicant lives and applies
 * @param applicant               the applicant
 * @param residenceSince          first day at the residence place; may be {@code null} for an emergency
 * @param assistanceType          kind of assistance
 * @param declarationOfNonReceipt the applicant declared receiving no assistance at the hukou place
 * @param emergency               the emergency, or {@code null}
 * @param proofOfNonReceipt       the proof of non-receipt, or {@code null}
 * @param callbackUrl             http(s) URL for status changes, or {@code null}
 */
public record VerificationRequest(String requestId, LocalDate appliedOn, String residenceTownship,
                                  Applicant applicant, LocalDate residenceSince, AssistanceType assistanceType,
                                  boolean declarationOfNonReceipt, Emergency emergency,
                                  ProofOfNonReceipt proofOfNonReceipt, String callbackUrl) {
}
