package org.assistx.gateway.tracking;

/** Published (as a Spring application event) when a verification's status changed in the store. */
public record VerificationStatusChanged(String verificationId, VerificationStatus status) {
}
