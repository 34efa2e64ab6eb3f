package org.assistx.gateway.tracking;

import java.time.Instant;

/** One row of the verification store. */
public record VerificationRecord(
        String verificationId,
        String clientOrg,
        String requestId,
        String requestDigest,
        String requestJson,
        VerificationStatus status,
        String statusReason,
        String jurisdiction,
        String category,
        String routePartner,
        String routeRecipient,
        String residenceTownship,
        String applicantMasked,
        String outcome,
        String resultJson,
        Instant createdAt,
        Instant updatedAt,
        Instant enqueuedAt,
        Instant answeredAt) {
}
