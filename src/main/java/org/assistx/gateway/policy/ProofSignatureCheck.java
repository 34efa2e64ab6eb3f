package org.assistx.gateway.policy;

import java.util.Optional;

/**
 * Hook for checking an attached proof of non-receipt beyond its dates and issuer, typically the
 * signature and certificate chain of {@link ProofOfNonReceipt#signedDocument()}. The crypto part of the
 * gateway provides the real check; until it is wired in, {@link #none()} accepts every proof.
 *
 * <p>It is called for every proof the {@link PolicyEngine} examines, with or without a signed document,
 * so an implementation may also insist on one.
 */
@FunctionalInterface
public interface ProofSignatureCheck {

    /**
     * What is wrong with the proof, in Chinese then English separated by {@code " / "}; empty when it
     * is acceptable. Must not throw for a bad document: say why instead.
     */
    Optional<String> problem(ProofOfNonReceipt proof, VerificationRequest request);

    /** No check attached: every proof is fine as far as its signature goes. */
    static ProofSignatureCheck none() {
        return (proof, request) -> Optional.empty();
    }
}
