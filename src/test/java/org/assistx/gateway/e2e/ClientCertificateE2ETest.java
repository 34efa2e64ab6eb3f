package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.crypto.BouncyCastle;
import org.assistx.gateway.crypto.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway over real mTLS, as {@code prod} runs it (header identity off, {@code client-auth: need}, the
 * township issuing CA and its CRL configured): every certificate here completes the TLS handshake, because
 * the server trusts the sample ECDSA issuing CA; only a valid, unrevoked township certificate with extended
 * key usage {@code clientAuth} then identifies a township. The revoked township certificate, the partner's
 * signing certificate and the gateway's own are refused with 401 and recorded. The server certificate and
 * the township certificates are issued at test time by the sample issuing CA.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ClientCertificateE2ETest {

    private static final Path ECDSA = Path.of("certs-sample", "ecdsa");
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static Path tls;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = GatewayTestSupport.freshDataDir(registry, "client-certificates");
        tls = Files.createDirectories(dir.resolve("tls"));
        issue("server", "127.0.0.1", null, false, true);
        issue("township", "610113001", "610113001 township system", true, false);
        issue("revoked-township", "610113001", "610113001 old system", true, false);
        writeCrl(Pem.readCertificate(tls.resolve("revoked-township.crt.pem")));

        registry.add("spring.ssl.bundle.pem.mtls-test.keystore.certificate", () -> tls.resolve("server.crt.pem").toString());
        registry.add("spring.ssl.bundle.pem.mtls-test.keystore.private-key", () -> tls.resolve("server.key.pem").toString());
        registry.add("spring.ssl.bundle.pem.mtls-test.truststore.certificate",
                () -> ECDSA.resolve("issuing-ca.pem").toString());
        registry.add("server.ssl.bundle", () -> "mtls-test");
        registry.add("server.ssl.client-auth", () -> "need");
        registry.add("assistx.identity.header-identity-enabled", () -> "false");
        registry.add("assistx.identity.client-certificates.issuers", () -> ECDSA.resolve("issuing-ca.pem").toString());
        registry.add("assistx.identity.client-certificates.crls", () -> tls.resolve("township-ca.crl.pem").toString());
    }

    private static X509Certificate issuingCa() {
        return Pem.readCertificate(ECDSA.resolve("issuing-ca.pem"));
    }

    private static PrivateKey issuingKey() {
        return Pem.readPrivateKey(ECDSA.resolve("issuing-ca.key.pem"));
    }

    private static void issue(String name, String organisation, String commonName, boolean clientAuth,
            boolean server) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(issuingCa(), BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("C=CN,O=" + organisation + ",CN=" + (commonName == null ? organisation : commonName)),
                keys.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        if (clientAuth) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        if (server) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        }
        X509Certificate cert = new JcaX509CertificateConverter().setProvider(BouncyCastle.provider())
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuingKey())));
        Files.writeString(tls.resolve(name + ".crt.pem"), Pem.toPem(cert));
        Files.writeString(tls.resolve(name + ".key.pem"), Pem.toPem(keys.getPrivate()));
    }

    private static void writeCrl(X509Certificate revoked) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(issuingCa().getSubjectX500Principal()
                .getEncoded()), new Date());
        builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(7))));
        builder.addCRLEntry(revoked.getSerialNumber(), new Date(), CRLReason.keyCompromise);
        Files.writeString(tls.resolve("township-ca.crl.pem"), Pem.toPem(new JcaX509CRLConverter()
                .setProvider(BouncyCastle.provider())
                .getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuingKey())))));
    }

    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();

    /** An HTTPS client presenting {@code certificate} (with its key), trusting the sample issuing CA. */
    private HttpClient client(Path certificate, Path key) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", Pem.readPrivateKey(key), new char[0],
                new Certificate[] {Pem.readCertificate(certificate)});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("issuing-ca", issuingCa());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .header("X-Client-Org", "610113001").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String code(HttpResponse<String> r) throws IOException {
        return json.readTree(r.body()).path("errors").path(0).path("code").asText();
    }

    @Test
    void onlyAValidUnrevokedTownshipClientCertificateIdentifiesATownship() throws Exception {
        HttpClient township = client(tls.resolve("township.crt.pem"), tls.resolve("township.key.pem"));
        HttpResponse<String> known = get(township, "/api/v1/verifications/no-such-id");
        assertThat(known.statusCode()).as(known.body()).isEqualTo(404);

        HttpResponse<String> revoked = get(client(tls.resolve("revoked-township.crt.pem"),
                tls.resolve("revoked-township.key.pem")), "/api/v1/verifications/no-such-id");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(code(revoked)).isEqualTo("CLIENT_CERTIFICATE_REVOKED");

        for (String other : new String[] {"guangdong-44", "gateway", "610113001"}) {
            HttpResponse<String> r = get(client(ECDSA.resolve(other + ".crt.pem"), ECDSA.resolve(other + ".key.pem")),
                    "/api/v1/verifications/no-such-id");
            assertThat(r.statusCode()).as(other + ": " + r.body()).isEqualTo(401);
            assertThat(code(r)).as(other).isEqualTo("CLIENT_CERTIFICATE_REFUSED");
        }

        JsonNode listed = json.readTree(get(township, "/api/v1/ops/refusals?channel=REST&limit=50").body());
        assertThat(listed.path("refusals").findValuesAsText("code"))
                .contains("CLIENT_CERTIFICATE_REVOKED", "CLIENT_CERTIFICATE_REFUSED");
    }
}
