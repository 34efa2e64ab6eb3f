package org.assistx.gateway.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.policy.ProofOfNonReceipt;
import org.assistx.gateway.policy.ProofSignatureCheck;
import org.assistx.gateway.policy.VerificationRequest;

/**
 * Checks the {@code signedDocument} of a proof of non-receipt (R8): base64 of a signed envelope of type
 * {@code PROOF_RESULT} whose payload is the canonical {@code NonReceiptProof} (DESIGN §6). The signature
 * must verify and chain to the trusted CAs, and the signed proof must be the one described in the request
 * (document number, person, issuer, dates). A proof without a signed document passes (paper proof).
 */
public final class SignedProofCheck implements ProofSignatureCheck {

    private final ObjectMapper json;
    private final EnvelopeVerifier verifier;
    private final CertificateValidator trust;

    public SignedProofCheck(ObjectMapper json, EnvelopeVerifier verifier, CertificateValidator trust) {
        this.json = json;
        this.verifier = verifier;
        this.trust = trust;
    }

    @Override
    public Optional<String> problem(ProofOfNonReceipt proof, VerificationRequest request) {
        if (proof.signedDocument() == null) {
            return Optional.empty();
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(json, new String(Base64.getDecoder().decode(proof.signedDocument()),
                    StandardCharsets.UTF_8));
            verifier.verifyDocument(envelope, trust);
        } catch (IllegalArgumentException e) {
            return Optional.of("电子证明不是有效的base64编码。 / The signed document is not valid base64.");
        } catch (GatewayException e) {
            return Optional.of("电子证明的签名无法验证（" + e.code() + "）。 / The signed document's signature does not verify ("
                    + e.code() + ").");
        }
        if (envelope.type() != MessageType.PROOF_RESULT) {
            return Optional.of("电子证明类型不对。 / The signed document is not a proof of non-receipt.");
        }
        JsonNode p = envelope.payload();
        boolean same = proof.documentNumber().equals(p.path("documentNumber").asText())
                && request.applicant().idNumber().equals(p.path("personIdNumber").asText())
                && proof.issuerDivision().equals(p.path("issuerDivision").asText())
                && proof.issuedOn().toString().equals(p.path("issuedOn").asText())
                && (proof.validUntil() == null ? !p.path("validUntil").isTextual()
                        : proof.validUntil().toString().equals(p.path("validUntil").asText()));
        if (!same) {
            return Optional.of("电子证明的内容与申请中填写的证明不一致。 / The signed document does not match the proof "
                    + "described in the request.");
        }
        return Optional.empty();
    }
}
