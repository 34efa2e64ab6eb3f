package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
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
    static X509Certificate tlsCertificate;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void token() throws Exception {
        assumeTrue(SoftHsm.installed(), "SoftHSM (softhsm2) and pkcs11-tool (opensc) are not installed");
        hsm = SoftHsm.create(dir);
        certificate = hsm.generateCertifiedKey("gateway-p256", "01", "gateway");
        tlsCertificate = hsm.generateCertifiedKey("tls-p256", "02", "localhost");
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
        assertThat(result.output()).contains("REFUSED KEY_TOKEN_UNAVAILABLE", "'no-such-key'", "it holds [", "gateway-p256");
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

    /**
     * The mTLS server's key in the token: Spring Boot's JKS-style SSL bundle with {@code keystore.type: PKCS11}
     * and no location, in a JVM whose {@code java.security} names the token's SunPKCS11 configuration
     * ({@code -Djava.security.properties}), answers a township's TLS handshake with the token's certificate,
     * and refuses a caller without a client certificate.
     */
    @Test
    void theMtlsServerAnswersWithItsKeyInTheToken() throws Exception {
        Path security = Files.writeString(dir.resolve("java.security"),
                "security.provider.13=SunPKCS11 " + hsm.providerConfig() + "\n");
        X509Certificate issuingCa = Pem.readCertificate(ECDSA.resolve("issuing-ca.pem"));
        KeyStore clientCas = KeyStore.getInstance("PKCS12");
        clientCas.load(null, null);
        clientCas.setCertificateEntry("township-ca", issuingCa);
        Path truststore = dir.resolve("client-ca.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            clientCas.store(out, "trust-pass".toCharArray());
        }

        Process server = hsm.startJava(TokenTlsServerProcess.class, Map.of("ASSISTX_PKCS11_PIN", SoftHsm.PIN),
                List.of("-Djava.security.properties=" + security), "tls-p256", truststore.toString(), "trust-pass");
        try {
            BufferedReader serverOutput = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            int port = -1;
            for (String line = serverOutput.readLine(); line != null; line = serverOutput.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith("PORT ")) {
                    port = Integer.parseInt(line.substring("PORT ".length()).strip());
                    break;
                }
            }
            assertThat(port).as("the server did not start:\n%s", seen).isPositive();

            KeyPair township = TestKeys.keyPair(CryptoProfile.ECDSA_P256);
            X509Certificate townshipCertificate = SoftHsm.issue(township.getPublic(), "610113001");
            try (SSLSocket socket = connect(client(township, townshipCertificate, issuingCa), port)) {
                socket.startHandshake();
                Certificate[] peer = socket.getSession().getPeerCertificates();
                assertThat(peer[0]).isEqualTo(tlsCertificate);
                socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 200").contains("served with the key in the token");
            }
            int serverPort = port;
            assertThatThrownBy(() -> {
                try (SSLSocket socket = connect(client(null, null, issuingCa), serverPort)) {
                    socket.startHandshake();
                    socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getInputStream().readAllBytes();
                }
            }).as("a caller without a client certificate").isInstanceOf(IOException.class);
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static SSLContext client(KeyPair keys, X509Certificate certificate, X509Certificate trusted)
            throws Exception {
        KeyManagerFactory keyManagers = null;
        if (keys != null) {
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setKeyEntry("township", keys.getPrivate(), "key-pass".toCharArray(), new Certificate[] {certificate});
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(own, "key-pass".toCharArray());
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("server-ca", trusted);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private static SSLSocket connect(SSLContext context, int port) throws IOException {
        return (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
    }
}
