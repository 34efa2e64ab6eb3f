package org.assistx.gateway.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.junit.jupiter.api.Test;

/** The XML rendering of the envelope: canonical form, signature, tolerance of re-serialisation, safety. */
class XmlEnvelopeTest {

    static final Path SM2 = Path.of("certs-sample", "sm2");
    static final Path ECDSA = Path.of("certs-sample", "ecdsa");
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final String ZJ = "http://mz.zj.gov.cn/shjz/hcjg/1.0";

    final ObjectMapper json = new ObjectMapper();
    final EnvelopeSigner zhejiang = new EnvelopeSigner(json, SigningIdentity.load("33", CryptoProfile.SM2,
            SM2.resolve("zhejiang-33.crt.pem"), SM2.resolve("zhejiang-33.key.pem")));
    final EnvelopeSigner gateway = new EnvelopeSigner(json, SigningIdentity.load("6101", CryptoProfile.SM2,
            SM2.resolve("gateway.crt.pem"), SM2.resolve("gateway.key.pem")));
    final CertificateValidator sm2Trust = new CertificateValidator(
            List.of(Pem.readCertificate(SM2.resolve("root-ca.pem"))), List.of());
    final EnvelopeVerifier verifier = new EnvelopeVerifier(Pem.readCertificates(SM2.resolve("issuing-ca.pem")),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(24), Duration.ofMinutes(5));

    static final String PAYLOAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- 核查申请 -->
            <zj:HcjgRequest xmlns:zj="http://mz.zj.gov.cn/shjz/hcjg/1.0" xmlns:unused="urn:unused" version="1.0">
              <zj:Person idNumber="33010619900307002X"><zj:Name>周晓燕 &amp; 家人</zj:Name></zj:Person>
              <zj:Wanted>RECORDS PROOF</zj:Wanted>
            </zj:HcjgRequest>
            """;

    EnvelopeHeader header(String id, MessageType type, String requestHash) {
        boolean request = requestHash == null;
        return new EnvelopeHeader(id, "v-1", type, request ? "610113001" : "33", request ? "33" : "610113001", NOW,
                "1", requestHash,
                requestHash == null ? "R8" : null, requestHash == null ? "case-1" : null);
    }

    @Test
    void signedXmlEnvelopeParsesVerifiesAndCarriesThePayload() {
        XmlEnvelope sent = gateway.signXml(header("m-1", MessageType.PROOF_REQUEST, null), PAYLOAD,
                XmlCanonicalization.EXCLUSIVE_XML_C14N);
        XmlEnvelope received = XmlEnvelope.parse(sent.text());

        assertThat(verifier.verify(received, sm2Trust).getSubjectX500Principal().getName()).startsWith("CN=gateway");
        assertThat(received.header()).isEqualTo(sent.header());
        assertThat(received.canonicalization()).isEqualTo(XmlCanonicalization.EXCLUSIVE_XML_C14N);
        assertThat(received.signatureAlgorithm()).isEqualTo("SM3withSM2");
        assertThat(received.text()).isEqualTo(sent.text());
        String c14n = new String(received.signedBytes(), StandardCharsets.UTF_8);
        assertThat(c14n).startsWith("<ax:signed xmlns:ax=\"urn:assistx:envelope:xml:v1\" Id=\"signed\"><ax:header>"
                + "<ax:messageId>m-1</ax:messageId>");
        assertThat(c14n).contains("<zj:HcjgRequest xmlns:zj=\"" + ZJ + "\" version=\"1.0\">")
                .doesNotContain("urn:unused").doesNotContain("核查申请");
        assertThat(received.payloadXml()).contains("周晓燕 &amp; 家人").contains("xmlns:zj=\"" + ZJ + "\"");
    }

    @Test
    void reSerialisationThatKeepsTheCanonicalFormStillVerifies() {
        XmlEnvelope sent = zhejiang.signXml(header("m-2", MessageType.PROOF_RESULT, "ab".repeat(32)), PAYLOAD,
                XmlCanonicalization.EXCLUSIVE_XML_C14N);
        // another serialiser: single quotes, a comment, an unused namespace on the root, whitespace between elements
        String other = sent.text()
                .replace("<ax:envelope xmlns:ax=\"urn:assistx:envelope:xml:v1\">",
                        "<!-- relayed --><ax:envelope xmlns:ax='urn:assistx:envelope:xml:v1' xmlns:relay='urn:relay'>\n  ")
                .replace("<ax:signature>", "\n  <ax:signature>")
                .replace("version=\"1.0\"", "version='1.0'");
        assertThat(other).isNotEqualTo(sent.text());

        XmlEnvelope received = XmlEnvelope.parse(other);

        assertThat(received.signedBytes()).isEqualTo(sent.signedBytes());
        assertThat(verifier.verify(received, sm2Trust)).isNotNull();
        assertThat(received.text()).as("the text is kept exactly as received").isEqualTo(other);
    }

    @Test
    void changedPayloadOrHeaderBreaksTheSignature() {
        XmlEnvelope sent = zhejiang.signXml(header("m-3", MessageType.PROOF_RESULT, "ab".repeat(32)), PAYLOAD,
                XmlCanonicalization.EXCLUSIVE_XML_C14N);
        String tampered = sent.text().replace("33010619900307002X", "330106199003070010");
        assertThatThrownBy(() -> verifier.verify(XmlEnvelope.parse(tampered), sm2Trust))
                .isInstanceOf(EnvelopeException.class).extracting("code").isEqualTo("SIGNATURE_INVALID");
        String otherSender = sent.text().replace("<ax:sender>33</ax:sender>", "<ax:sender>34</ax:sender>");
        assertThat(otherSender).isNotEqualTo(sent.text());
        assertThatThrownBy(() -> verifier.verify(XmlEnvelope.parse(otherSender), sm2Trust))
                .extracting("code").isEqualTo("SIGNATURE_INVALID");
    }

    @Test
    void inclusiveCanonicalizationAndEcdsaWorkToo() {
        EnvelopeSigner guangdong = new EnvelopeSigner(json, SigningIdentity.load("44", CryptoProfile.ECDSA_P256,
                ECDSA.resolve("guangdong-44.crt.pem"), ECDSA.resolve("guangdong-44.key.pem")));
        XmlEnvelope sent = guangdong.signXml(header("m-4", MessageType.PROOF_REQUEST, null), PAYLOAD,
                XmlCanonicalization.INCLUSIVE_XML_C14N);
        XmlEnvelope received = XmlEnvelope.parse(sent.text());
        CertificateValidator ecdsaTrust = new CertificateValidator(
                List.of(Pem.readCertificate(ECDSA.resolve("root-ca.pem"))), List.of());
        EnvelopeVerifier ecdsaVerifier = new EnvelopeVerifier(Pem.readCertificates(ECDSA.resolve("issuing-ca.pem")),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(24), Duration.ofMinutes(5));
        assertThat(ecdsaVerifier.verify(received, ecdsaTrust)).isNotNull();
        assertThat(received.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(received.canonicalization()).isEqualTo(XmlCanonicalization.INCLUSIVE_XML_C14N);
    }

    @Test
    void aReplyBindsToItsXmlRequestByTheHashOfTheCanonicalForm() {
        XmlEnvelope request = gateway.signXml(header("m-5", MessageType.PROOF_REQUEST, null), PAYLOAD,
                XmlCanonicalization.EXCLUSIVE_XML_C14N);
        XmlEnvelope reply = zhejiang.signXml(header("m-6", MessageType.PROOF_RESULT, request.signedDigest()), PAYLOAD,
                XmlCanonicalization.EXCLUSIVE_XML_C14N);
        EnvelopeVerifier.requireAnswers(XmlEnvelope.parse(reply.text()), XmlEnvelope.parse(request.text()));
        XmlEnvelope stranger = zhejiang.signXml(header("m-7", MessageType.PROOF_RESULT, "00".repeat(32)), PAYLOAD,
                XmlCanonicalization.EXCLUSIVE_XML_C14N);
        assertThatThrownBy(() -> EnvelopeVerifier.requireAnswers(stranger, request))
                .extracting("code").isEqualTo("REQUEST_HASH_MISMATCH");
    }

    @Test
    void doctypesAndEntitiesAreRefusedBeforeParsing() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE ax:envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <ax:envelope xmlns:ax="urn:assistx:envelope:xml:v1">&x;</ax:envelope>
                """;
        assertThatThrownBy(() -> XmlEnvelope.parse(xxe)).extracting("code").isEqualTo("XML_UNSAFE");
        String laughs = "<!-- c --><!DOCTYPE l [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><l>&b;</l>";
        assertThatThrownBy(() -> XmlEnvelope.parse(laughs)).extracting("code").isEqualTo("XML_UNSAFE");
        assertThatThrownBy(() -> gateway.signXml(header("m-8", MessageType.PROOF_REQUEST, null), xxe,
                XmlCanonicalization.EXCLUSIVE_XML_C14N)).extracting("code").isEqualTo("XML_UNSAFE");
    }

    @Test
    void structureIsChecked() {
        XmlEnvelope sent = gateway.signXml(header("m-9", MessageType.PROOF_REQUEST, null), PAYLOAD,
                XmlCanonicalization.EXCLUSIVE_XML_C14N);
        assertThatThrownBy(() -> XmlEnvelope.parse(sent.text().replace("Id=\"signed\"", "Id=\"other\"")))
                .extracting("code").isEqualTo("ENVELOPE_MALFORMED");
        assertThatThrownBy(() -> XmlEnvelope.parse(sent.text().replace("<ax:type>", "<ax:colour>x</ax:colour><ax:type>")))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> XmlEnvelope.parse(sent.text().replace("xml-exc-c14n#", "xml-exc-c14n#WithComments")))
                .extracting("code").isEqualTo("UNSUPPORTED_ALGORITHM");
        assertThatThrownBy(() -> XmlEnvelope.parse("{\"header\": {}}")).extracting("code")
                .isEqualTo("ENVELOPE_MALFORMED");
        assertThat(XmlEnvelope.looksLikeXml(" \n<?xml version=\"1.0\"?><a/>")).isTrue();
        assertThat(XmlEnvelope.looksLikeXml("{\"a\": 1}")).isFalse();
    }
}
