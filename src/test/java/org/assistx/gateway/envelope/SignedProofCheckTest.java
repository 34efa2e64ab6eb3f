package org.assistx.gateway.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.policy.Applicant;
import org.assistx.gateway.policy.AssistanceType;
import org.assistx.gateway.policy.HukouNature;
import org.assistx.gateway.policy.ProofOfNonReceipt;
import org.assistx.gateway.policy.VerificationRequest;
import org.junit.jupiter.api.Test;

/** A signed proof of non-receipt (R8) counts only when its signature verifies and it is the proof described. */
class SignedProofCheckTest {

    static final Path SM2 = Path.of("certs-sample", "sm2");
    final ObjectMapper json = new ObjectMapper();
    final EnvelopeSigner issuer = new EnvelopeSigner(json, SigningIdentity.load("33", CryptoProfile.SM2,
            SM2.resolve("zhejiang-33.crt.pem"), SM2.resolve("zhejiang-33.key.pem")));
    final SignedProofCheck check = new SignedProofCheck(json,
            new EnvelopeVerifier(Pem.readCertificates(SM2.resolve("issuing-ca.pem")), Clock.systemUTC(),
                    Duration.ofHours(24), Duration.ofMinutes(5)),
            new CertificateValidator(List.of(Pem.readCertificate(SM2.resolve("root-ca.pem"))), List.of()));

    final ProofOfNonReceipt described = new ProofOfNonReceipt("ZJ-2026-0001", "330106", LocalDate.of(2026, 8, 1),
            LocalDate.of(2026, 12, 31), null);

    String signed(String documentNumber) {
        ObjectNode p = json.createObjectNode();
        p.put("documentNumber", documentNumber);
        p.put("personIdNumber", "330106197506060062");
        p.put("issuerDivision", "330106");
        p.put("issuedOn", "2026-08-01");
        p.put("validUntil", "2026-12-31");
        p.put("statement", "经查，该人员未在本地享受社会救助。");
        EnvelopeHeader h = new EnvelopeHeader("proof-1", "ZJ-2026-0001", MessageType.PROOF_RESULT, "330106",
                "610113001", Instant.now().minusSeconds(60), "1", null, null, null);
        return Base64.getEncoder().encodeToString(issuer.sign(h, p).text().getBytes(StandardCharsets.UTF_8));
    }

    VerificationRequest request(String signedDocument) {
        ProofOfNonReceipt proof = new ProofOfNonReceipt(described.documentNumber(), described.issuerDivision(),
                described.issuedOn(), described.validUntil(), signedDocument);
        return new VerificationRequest("r-1", LocalDate.of(2026, 9, 1), "610113001",
                new Applicant("330106197506060062", "钱八", "330106001", HukouNature.URBAN), LocalDate.of(2026, 1, 1),
                AssistanceType.DIBAO, false, null, proof, null);
    }

    @Test
    void aSignedProofThatMatchesPasses() {
        VerificationRequest r = request(signed("ZJ-2026-0001"));
        assertThat(check.problem(r.proofOfNonReceipt(), r)).isEmpty();
    }

    @Test
    void aPaperProofWithoutSignedDocumentPasses() {
        VerificationRequest r = request(null);
        assertThat(check.problem(r.proofOfNonReceipt(), r)).isEmpty();
    }

    @Test
    void aSignedProofOfAnotherDocumentIsRefused() {
        VerificationRequest r = request(signed("ZJ-2026-9999"));
        assertThat(check.problem(r.proofOfNonReceipt(), r)).get().asString().contains("does not match");
    }

    @Test
    void aTamperedSignedProofIsRefused() {
        String text = new String(Base64.getDecoder().decode(signed("ZJ-2026-0001")), StandardCharsets.UTF_8)
                .replace("未在本地", "已在本地");
        VerificationRequest r = request(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(check.problem(r.proofOfNonReceipt(), r)).get().asString().contains("SIGNATURE_INVALID");
    }

    @Test
    void garbageIsRefused() {
        VerificationRequest r = request("not base64 at all!");
        assertThat(check.problem(r.proofOfNonReceipt(), r)).isPresent();
    }
}
