package org.assistx.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.EnvelopeSigners;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.envelope.SignedMessage;
import org.assistx.gateway.envelope.XmlCanonicalization;
import org.assistx.gateway.envelope.XmlEnvelope;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationStatus;
import org.junit.jupiter.api.Test;

/** Request type, payload, envelope rendering and key per partner, all from the partner's folder. */
class PartnerMessagesTest {

    static final Path SM2 = Path.of("certs-sample", "sm2");
    static final Path ECDSA = Path.of("certs-sample", "ecdsa");

    final ObjectMapper json = new ObjectMapper();
    final EnvelopeSigner sm2 = new EnvelopeSigner(json, SigningIdentity.load("6101", CryptoProfile.SM2,
            SM2.resolve("gateway.crt.pem"), SM2.resolve("gateway.key.pem")));
    final EnvelopeSigner ecdsa = new EnvelopeSigner(json, SigningIdentity.load("6101", CryptoProfile.ECDSA_P256,
            ECDSA.resolve("gateway.crt.pem"), ECDSA.resolve("gateway.key.pem")));
    final PartnerMessages messages = new PartnerMessages(new EnvelopeSigners(sm2, List.of(ecdsa)), json,
            Clock.systemUTC());

    static PartnerRegistry.Partner partner(String id) {
        return PartnerRegistry.loadPartner(Path.of("routes", "partners", id), List.of());
    }

    static VerificationRecord verification(String jurisdiction, String partner, String recipient, String hukou) {
        String body = """
            {"requestId": "r-1", "appliedOn": "2026-09-01", "residenceTownship": "610113001",
             "applicant": {"idNumber": "330106199003070022", "name": "周<晓>燕", "hukouDivision": "%s",
                           "hukouNature": "RURAL"},
             "residenceSince": "2026-01-15", "assistanceType": "DIBAO", "declarationOfNonReceipt": true}
            """.formatted(hukou);
        Instant now = Instant.now();
        return new VerificationRecord("v-1", "610113001", "r-1", "d", body, VerificationStatus.ACCEPTED, null,
                jurisdiction, "RURAL_DIBAO", partner, recipient, "610113001", "330106********0022", null, null, now,
                now, null, null);
    }

    @Test
    void crossProvinceToAPartnerIssuingProofsIsAProofRequestElseAVerificationRequest() {
        assertThat(messages.requestType(verification("CROSS_PROVINCE", "zhejiang-33", "33", "330106008"),
                partner("zhejiang-33"))).isEqualTo(MessageType.PROOF_REQUEST);
        assertThat(messages.requestType(verification("CROSS_CITY", "guangdong-44", "44", "440106003"),
                partner("guangdong-44"))).isEqualTo(MessageType.PROOF_REQUEST);
        assertThat(messages.requestType(verification("CROSS_COUNTY", "xian-county-bureaus", "610113", "610104003"),
                partner("xian-county-bureaus"))).isEqualTo(MessageType.VERIFICATION_REQUEST);
    }

    @Test
    void anXmlPartnerGetsItsOwnXmlInTheXmlEnvelopeSignedWithSm2() {
        PartnerRegistry.Partner zj = partner("zhejiang-33");
        SignedMessage m = messages.signRequest(verification("CROSS_PROVINCE", "zhejiang-33", "33", "330106008"), zj,
                MessageType.PROOF_REQUEST);
        XmlEnvelope x = XmlEnvelope.parse(m.text());
        assertThat(x.canonicalization()).isEqualTo(XmlCanonicalization.EXCLUSIVE_XML_C14N);
        assertThat(x.signatureAlgorithm()).isEqualTo("SM3withSM2");
        assertThat(x.header().recipient()).isEqualTo("33");
        assertThat(x.header().caseId()).isEqualTo("r-1");
        assertThat(x.payloadXml()).contains("<zj:BizType>ZMKJ</zj:BizType>")
                .contains("<zj:ReqNo>" + x.messageId() + "</zj:ReqNo>")
                .contains("<zj:Name>周&lt;晓&gt;燕</zj:Name>")
                .contains("region=\"330106008\"").contains("type=\"2\"")
                .contains("<zj:Apply date=\"2026-09-01\" township=\"610113001\" type=\"1\"")
                .contains("<zj:NeedProof>Y</zj:NeedProof>");
        assertThat(messages.readStored(m.text()).signedDigest()).isEqualTo(m.signedDigest());
    }

    @Test
    void aJsonPartnerWithATemplateGetsItsOwnFieldsSignedWithItsProfile() {
        SignedMessage m = messages.signRequest(verification("CROSS_PROVINCE", "guangdong-44", "44", "440106003"),
                partner("guangdong-44"), MessageType.PROOF_REQUEST);
        Envelope e = (Envelope) m;
        assertThat(e.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(e.payload().path("ywlx").asText()).isEqualTo("ZM");
        assertThat(e.payload().path("hjxz").asText()).isEqualTo("2");
        assertThat(e.payload().path("sqjzlx").asText()).isEqualTo("01");
        assertThat(e.payload().path("kjzm").asText()).isEqualTo("1");
        assertThat(e.payload().path("xm").asText()).isEqualTo("周<晓>燕");
    }

    @Test
    void aPartnerWithoutATemplateGetsTheCanonicalPayload() {
        SignedMessage m = messages.signRequest(verification("CROSS_COUNTY", "xian-county-bureaus", "610113",
                "610104003"), partner("xian-county-bureaus"), MessageType.VERIFICATION_REQUEST);
        Envelope e = (Envelope) m;
        assertThat(e.signatureAlgorithm()).isEqualTo("SM3withSM2");
        assertThat(e.payload().path("person").path("idNumber").asText()).isEqualTo("330106199003070022");
        assertThat(e.payload().path("verificationId").asText()).isEqualTo("v-1");
        assertThatThrownBy(() -> messages.signRequest(verification("CROSS_COUNTY", "xian-county-bureaus", "610113",
                "610104003"), partner("xian-county-bureaus"), MessageType.PROOF_REQUEST))
                .hasMessageContaining("does not accept PROOF_REQUEST");
    }

    @Test
    void anXmlReplyOverAnotherCanonicalFormThanTheDescriptorsIsRefused() {
        EnvelopeSigner zhejiang = new EnvelopeSigner(json, SigningIdentity.load("33", CryptoProfile.SM2,
                SM2.resolve("zhejiang-33.crt.pem"), SM2.resolve("zhejiang-33.key.pem")));
        EnvelopeHeader h = new EnvelopeHeader("m-1", "v-1", MessageType.PROOF_RESULT, "33", "610113001",
                Instant.now(), "1", "00", null, null);
        String inclusive = zhejiang.signXml(h, "<a xmlns=\"urn:x\"/>", XmlCanonicalization.INCLUSIVE_XML_C14N).text();
        assertThatThrownBy(() -> messages.readReply(partner("zhejiang-33"), inclusive))
                .extracting("code").isEqualTo("UNSUPPORTED_ALGORITHM");
        assertThatThrownBy(() -> messages.readReply(partner("zhejiang-33"), " "))
                .extracting("code").isEqualTo("ENVELOPE_MALFORMED");
    }

    /**
     * A proof inside a verified reply is what its mapping makes of it — the same as {@code validate-partner}
     * replays — and the verified envelope does not make it {@code signatureVerified}.
     */
    @Test
    void aProofInAVerifiedReplyIsNotSignatureVerifiedBecauseOfTheEnvelope() throws Exception {
        PartnerRegistry.Partner zj = partner("zhejiang-33");
        SignedMessage request = messages.signRequest(verification("CROSS_PROVINCE", "zhejiang-33", "33",
                "330106008"), zj, MessageType.PROOF_REQUEST);
        String sample = java.nio.file.Files.readString(Path.of("routes", "partners", "zhejiang-33", "samples",
                "proof-only.xml"));
        EnvelopeSigner zhejiang = new EnvelopeSigner(json, SigningIdentity.load("33", CryptoProfile.SM2,
                SM2.resolve("zhejiang-33.crt.pem"), SM2.resolve("zhejiang-33.key.pem")));
        EnvelopeHeader h = new EnvelopeHeader(java.util.UUID.randomUUID().toString(), request.header().correlationId(),
                MessageType.PROOF_RESULT, request.header().recipient(), request.header().sender(), Instant.now(), "1",
                request.signedDigest(), null, null);
        String reply = zhejiang.signXml(h, sample.replaceFirst("^<\\?xml[^>]*\\?>\\s*", ""),
                XmlCanonicalization.EXCLUSIVE_XML_C14N).text();
        EnvelopeVerifier verifier = new EnvelopeVerifier(List.of(), Clock.systemUTC(), java.time.Duration.ofHours(24),
                java.time.Duration.ofMinutes(5));

        PartnerMessages.CheckedReply checked = messages.check(zj, messages.readReply(zj, reply), request, verifier);
        assertThat(checked.proof()).isPresent();
        assertThat(checked.proof().get().signatureVerified()).isFalse();
        assertThat(checked.proof()).isEqualTo(zj.mapper().mapProof(sample));
    }
}
