package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeException;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's ECDSA P-256 key in a PKCS#11 token: a fresh SoftHSM token, a key generated inside it, the
 * gateway's signing path ({@link CryptoConfiguration#open}, {@code EnvelopeSigner}) in a JVM that sees the token,
 * and the envelope it signs verified exactly as a file-key envelope is. Skipped only when SoftHSM or
 * pkcs11-tool is not installed ({@code .ci/run} installs both).
 */
class Pkcs11KeySourceTest {

    static final Path ECDSA = Path.of("certs-sample", "ecdsa");

    @TempDir
    static Path dir;

    static SoftHsm hsm;
    static X509Certificate certificate;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void token() throws Exception {
        assumeTrue(SoftHsm.installed(), "SoftHSM (softhsm2) and pkcs11-tool (opensc) are not installed");
        hsm = SoftHsm.create(dir);
        certificate = hsm.generateCertifiedKey("gateway-p256", "01", "gateway");
    }

    SoftHsm.Result sign(String pin, String profile, String alias, String config, String certificate) throws Exception {
        return hsm.java(TokenSigningProcess.class, Map.of("ASSISTX_PKCS11_PIN", pin), List.of(),
                profile, alias, config, certificate);
    }

    static Envelope signed(SoftHsm.Result result) {
        assertThat(result.output()).as("exit %s", result.exit()).contains("SIGNED ");
        String line = result.output().lines().filter(l -> l.startsWith("SIGNED ")).findFirst().orElseThrow();
        String text = new String(Base64.getDecoder().decode(line.substring("SIGNED ".length())), StandardCharsets.UTF_8);
        return Envelope.parse(new ObjectMapper(), text);
    }

    X509Certificate verify(Envelope envelope) {
        EnvelopeVerifier verifier = new EnvelopeVerifier(Pem.readCertificates(ECDSA.resolve("issuing-ca.pem")),
                Clock.systemUTC(), Duration.ofHours(1), Duration.ofMinutes(5));
        return verifier.verify(envelope, new CertificateValidator(
                List.of(Pem.readCertificate(ECDSA.resolve("root-ca.pem"))), List.of()));
    }

    @Test
    void anEnvelopeSignedInTheTokenVerifiesWithItsCertificateAndATamperedOneDoesNot() throws Exception {
        Envelope envelope = signed(sign(SoftHsm.PIN, "ECDSA_P256", "gateway-p256", hsm.providerConfig().toString(), "-"));

        assertThat(envelope.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(verify(envelope)).isEqualTo(certificate);
        // the same DER encoding Bouncy Castle verifies for file keys
        assertThat(Signatures.verify(CryptoProfile.ECDSA_P256, certificate.getPublicKey(), envelope.signedBytes(),
                envelope.signatureValue())).isTrue();
        assertThat(envelope.signatureValue()[0]).isEqualTo((byte) 0x30);

        ObjectNode tampered = (ObjectNode) json.readTree(envelope.text());
        ((ObjectNode) tampered.get("payload")).put("name", "李四");
        assertThatThrownBy(() -> verify(Envelope.parse(json, json.writeValueAsString(tampered))))
                .isInstanceOf(EnvelopeException.class)
                .extracting(e -> ((EnvelopeException) e).code()).isEqualTo(CryptoException.SIGNATURE_INVALID);
    }

    @Test
    void theLibraryAndACertificateFileMayBeGivenInsteadOfAConfigurationFile() throws Exception {
        Path pem = Files.writeString(dir.resolve("gateway-p256.crt.pem"), Pem.toPem(certificate));
        Envelope envelope = signed(sign(SoftHsm.PIN, "ECDSA_P256", "gateway-p256", "-", pem.toString()));
        assertThat(verify(envelope)).isEqualTo(certificate);
    }

    @Test
    void aWrongPinRefusesToStartWithAStableCode() throws Exception {
        SoftHsm.Result result = sign("000000", "ECDSA_P256", "gateway-p256", hsm.providerConfig().toString(), "-");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.output()).contains("REFUSED KEY_TOKEN_UNAVAILABLE", "CKR_PIN_INCORRECT");
    }

    @Test
    void aMissingAliasRefusesToStartNamingWhatTheTokenHolds() throws Exception {
        SoftHsm.Result result = sign(SoftHsm.PIN, "ECDSA_P256", "no-such-key", hsm.providerConfig().toString(), "-");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.output()).contains("REFUSED KEY_TOKEN_UNAVAILABLE", "'no-such-key'", "[gateway-p256]");
    }

    @Test
    void aCertificateOfAnotherKeyIsRefused() throws Exception {
        Path other = ECDSA.resolve("gateway.crt.pem");
        SoftHsm.Result result = sign(SoftHsm.PIN, "ECDSA_P256", "gateway-p256", "-", other.toString());
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.output()).contains("REFUSED KEY_UNREADABLE", "is not the private key of the certificate");
    }

    @Test
    void anSm2KeyCannotBeKeptInAPkcs11Token() throws Exception {
        SoftHsm.Result result = sign(SoftHsm.PIN, "SM2", "gateway-p256", hsm.providerConfig().toString(), "-");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.output()).contains("REFUSED UNSUPPORTED_ALGORITHM", "SM3withSM2");
    }

    @Test
    void aMissingLibraryRefusesToStart() {
        Pkcs11KeySource.Token token = new Pkcs11KeySource.Token(null, dir.resolve("no-such-module.so").toString(),
                null, "gateway-p256", SoftHsm.PIN);
        assertThatThrownBy(() -> CryptoConfiguration.open("6101", CryptoProfile.ECDSA_P256,
                new CryptoProperties.ProfileKey(null, null, token)))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("no-such-module.so")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.KEY_TOKEN_UNAVAILABLE);
    }
}
