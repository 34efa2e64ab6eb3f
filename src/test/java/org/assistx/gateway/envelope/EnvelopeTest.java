package org.assistx.gateway.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.junit.jupiter.api.Test;

/** Envelopes: signed bytes, signature, certificate chain, time window and request hash. */
class EnvelopeTest {

    static final Path SM2 = Path.of("certs-sample", "sm2");
    static final Path ECDSA = Path.of("certs-sample", "ecdsa");
    static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    final ObjectMapper json = new ObjectMapper();
    final EnvelopeSigner gateway = new EnvelopeSigner(json, SigningIdentity.load("6101", CryptoProfile.SM2,
            SM2.resolve("gateway.crt.pem"), SM2.resolve("gateway.key.pem")));
    final CertificateValidator sm2Trust = new CertificateValidator(
            List.of(Pem.readCertificate(SM2.resolve("root-ca.pem"))), List.of());
    final EnvelopeVerifier verifier = new EnvelopeVerifier(Pem.readCertificates(SM2.resolve("issuing-ca.pem")),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(24), Duration.ofMinutes(5));

    EnvelopeHeader header(String id, Instant at, String requestHash) {
        boolean request = requestHash == null;
        return new EnvelopeHeader(id, "v-1", request ? MessageType.VERIFICATION_REQUEST : MessageType.VERIFICATION_RESULT,
                request ? "610113001" : "610113", request ? "610113" : "610113001", at, "1", requestHash, "R6", "case-1");
    }

    ObjectNode payload() {
        ObjectNode p = json.createObjectNode();
        p.put("z", "最后");
        p.put("a", 1);
        p.putObject("person").put("idNumber", "610104199001011234").put("name", "张三");
        return p;
    }

    @Test
    void signedEnvelopeVerifiesAndNamesItsSigner() {
        Envelope e = gateway.sign(header("m-1", NOW, null), payload());
        Envelope parsed = Envelope.parse(json, e.text());

        X509Certificate signer = verifier.verify(parsed, sm2Trust);

        assertThat(signer.getSubjectX500Principal().getName()).startsWith("CN=gateway");
        assertThat(parsed.signatureAlgorithm()).isEqualTo("SM3withSM2");
        assertThat(new String(parsed.signedBytes(), StandardCharsets.UTF_8))
                .startsWith("{\"header\":{\"caseId\":\"case-1\",\"correlationId\":\"v-1\"")
                .contains("\"payload\":{\"a\":1,\"person\":{\"idNumber\"");
    }

    @Test
    void reSerialisationWithOtherKeyOrderAndSpacingStillVerifies() throws Exception {
        Envelope e = gateway.sign(header("m-2", NOW, null), payload());
        ObjectNode root = (ObjectNode) json.readTree(e.text());
        String reordered = "{ \"signature\": " + root.get("signature") + ",\n \"payload\": {\"person\": "
                + root.get("payload").get("person") + ", \"z\": \"最后\", \"a\": 1},\n \"header\": " + root.get("header")
                + "}";
        assertThat(verifier.verify(Envelope.parse(json, reordered), sm2Trust)).isNotNull();
    }

    @Test
    void aDamagedSignerCertificateIsRefusedWithACodeWhateverByteIsChanged() throws Exception {
        Envelope e = gateway.sign(header("m-cert", NOW, null), payload());
        ObjectNode root = (ObjectNode) json.readTree(e.text());
        byte[] der = java.util.Base64.getDecoder().decode(root.path("signature").path("certificate").asText());
        int refused = 0;
        for (int i = 0; i < der.length; i++) {
            for (int bit : new int[] {0x01, 0x80}) {
                byte[] damaged = der.clone();
                damaged[i] ^= (byte) bit;
                ((ObjectNode) root.get("signature")).put("certificate",
                        java.util.Base64.getEncoder().encodeToString(damaged));
                try {
                    verifier.verify(Envelope.parse(json, json.writeValueAsString(root)), sm2Trust);
                } catch (org.assistx.gateway.GatewayException coded) {
                    refused++;
                }
            }
        }
        // only coded refusals came out (anything else fails the test); a change that still verifies can only
        // be one in the certificate's own unchecked encoding details, never in its key or its CA signature
        assertThat(refused).isGreaterThan(der.length);
    }

    @Test
    void aChangedPayloadFailsTheSignature() {
        Envelope e = gateway.sign(header("m-3", NOW, null), payload());
        String tampered = e.text().replace("张三", "李四");
        assertThatThrownBy(() -> verifier.verify(Envelope.parse(json, tampered), sm2Trust))
                .isInstanceOf(EnvelopeException.class).extracting("code").isEqualTo("SIGNATURE_INVALID");
    }

    @Test
    void aSignerOutsideTheTrustAnchorIsUntrusted() {
        CertificateValidator ecdsaOnly = new CertificateValidator(
                List.of(Pem.readCertificate(ECDSA.resolve("root-ca.pem"))), List.of());
        Envelope e = gateway.sign(header("m-4", NOW, null), payload());
        assertThatThrownBy(() -> verifier.verify(e, ecdsaOnly))
                .isInstanceOf(EnvelopeException.class).extracting("code").isEqualTo("CERTIFICATE_UNTRUSTED");
    }

    @Test
    void messagesOutsideTheTimeWindowAreRefused() {
        Envelope old = gateway.sign(header("m-5", NOW.minus(Duration.ofDays(2)), null), payload());
        Envelope future = gateway.sign(header("m-6", NOW.plus(Duration.ofHours(1)), null), payload());
        assertThatThrownBy(() -> verifier.verify(old, sm2Trust)).extracting("code").isEqualTo("MESSAGE_TOO_OLD");
        assertThatThrownBy(() -> verifier.verify(future, sm2Trust)).extracting("code")
                .isEqualTo("MESSAGE_FROM_FUTURE");
    }

    @Test
    void aReplyMustCarryTheHashOfItsRequest() {
        Envelope request = gateway.sign(header("m-7", NOW, null), payload());
        Envelope good = gateway.sign(header("m-8", NOW, request.signedDigest()), payload());
        Envelope bad = gateway.sign(header("m-9", NOW, "ab".repeat(32)), payload());

        EnvelopeVerifier.requireAnswers(good, request);
        assertThat(request.signedDigest()).hasSize(64).matches("[0-9a-f]+");
        assertThatThrownBy(() -> EnvelopeVerifier.requireAnswers(bad, request))
                .extracting("code").isEqualTo("REQUEST_HASH_MISMATCH");
    }

    @Test
    void aReplyMustNameTheAskedOrganisationAsSenderAndTheAskingOneAsRecipient() {
        Envelope request = gateway.sign(header("m-10", NOW, null), payload());
        String hash = request.signedDigest();
        Envelope otherSender = gateway.sign(new EnvelopeHeader("m-11", "v-1", MessageType.VERIFICATION_RESULT,
                "610104", "610113001", NOW, "1", hash, null, null), payload());
        Envelope otherRecipient = gateway.sign(new EnvelopeHeader("m-12", "v-1", MessageType.VERIFICATION_RESULT,
                "610113", "610113002", NOW, "1", hash, null, null), payload());
        Envelope otherCorrelation = gateway.sign(new EnvelopeHeader("m-13", "v-2", MessageType.VERIFICATION_RESULT,
                "610113", "610113001", NOW, "1", hash, null, null), payload());

        assertThatThrownBy(() -> EnvelopeVerifier.requireAnswers(otherSender, request))
                .extracting("code").isEqualTo(EnvelopeVerifier.SENDER_MISMATCH);
        assertThatThrownBy(() -> EnvelopeVerifier.requireAnswers(otherRecipient, request))
                .extracting("code").isEqualTo(EnvelopeVerifier.RECIPIENT_MISMATCH);
        assertThatThrownBy(() -> EnvelopeVerifier.requireAnswers(otherCorrelation, request))
                .extracting("code").isEqualTo("UNEXPECTED_REPLY");
    }

    @Test
    void malformedEnvelopesAreRefusedWithACode() {
        for (String text : List.of("not json", "[]", "{}", "{\"header\":{},\"payload\":{},\"signature\":{}}",
                "{\"header\":{\"messageId\":\"x\"},\"payload\":{},\"signature\":"
                        + "{\"algorithm\":\"a\",\"certificate\":\"b\",\"value\":\"c\"}}")) {
            assertThatThrownBy(() -> Envelope.parse(json, text)).as(text)
                    .isInstanceOf(EnvelopeException.class).extracting("code").isEqualTo("ENVELOPE_MALFORMED");
        }
    }
}
