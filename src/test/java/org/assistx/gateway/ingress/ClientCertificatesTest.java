package org.assistx.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.assistx.gateway.crypto.BouncyCastle;
import org.assistx.gateway.crypto.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only township client certificates identify a caller: issued by the configured township issuing CA (here
 * the sample ECDSA issuing CA), with extended key usage clientAuth, valid and not revoked; a CRL written
 * later takes effect on the next refresh, without a restart.
 */
class ClientCertificatesTest {

    private static final Path ECDSA = Path.of("certs-sample", "ecdsa");
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    @TempDir
    Path dir;

    private final X509Certificate issuer = Pem.readCertificate(ECDSA.resolve("issuing-ca.pem"));
    private final PrivateKey issuerKey = Pem.readPrivateKey(ECDSA.resolve("issuing-ca.key.pem"));

    private X509Certificate township(String organisation, boolean clientAuth) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("C=CN,O=" + organisation + ",CN=" + organisation + " township system"), keys.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        if (clientAuth) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        }
        return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider())
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private Path crl(X509Certificate... revoked) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal()
                .getEncoded()), new Date());
        builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(7))));
        for (X509Certificate c : revoked) {
            builder.addCRLEntry(c.getSerialNumber(), new Date(), CRLReason.keyCompromise);
        }
        Path file = dir.resolve("township-ca.crl.pem");
        Files.writeString(file, Pem.toPem(new JcaX509CRLConverter().setProvider(BouncyCastle.provider())
                .getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)))));
        return file;
    }

    private ClientCertificates certificates(Path crl) {
        return new ClientCertificates(new IdentityProperties(false, new IdentityProperties.ClientCertificates(
                List.of(ECDSA.resolve("issuing-ca.pem").toString()), List.of(crl.toString()), null, null)),
                Clock.systemUTC());
    }

    private static String code(ClientCertificates c, X509Certificate cert) {
        try {
            c.requireTownshipCertificate(new X509Certificate[] {cert});
            return null;
        } catch (IngressException e) {
            assertThat(e.status().value()).isEqualTo(401);
            return e.code();
        }
    }

    @Test
    void aTownshipClientCertificateIdentifiesItsTownshipUntilItsCrlListsIt() throws Exception {
        X509Certificate good = township("610113001", true);
        ClientCertificates c = certificates(crl());
        assertThat(code(c, good)).isNull();
        assertThat(ClientIdentityResolver.organisationOf(good)).isEqualTo("610113001");

        crl(good);
        assertThat(code(c, good)).as("the CRL on file is read again only on refresh").isNull();
        c.refresh();
        assertThat(code(c, good)).isEqualTo(ClientCertificates.REVOKED);
    }

    @Test
    void theSamplePkisRevokedCertificateIsRefusedAsRevoked() {
        ClientCertificates c = certificates(ECDSA.resolve("issuing-ca.crl.pem"));
        assertThat(code(c, Pem.readCertificate(ECDSA.resolve("revoked.crt.pem"))))
                .isEqualTo(ClientCertificates.REVOKED);
    }

    @Test
    void theGatewaysAndPartnersSigningCertificatesAndForeignCertificatesIdentifyNoOne() throws Exception {
        ClientCertificates c = certificates(ECDSA.resolve("issuing-ca.crl.pem"));
        for (String leaf : List.of("gateway", "guangdong-44", "county-bureau-6101", "610113001")) {
            assertThat(code(c, Pem.readCertificate(ECDSA.resolve(leaf + ".crt.pem")))).as(leaf + " has no clientAuth")
                    .isEqualTo(ClientCertificates.REFUSED);
        }
        assertThat(code(c, township("610113001", false))).isEqualTo(ClientCertificates.REFUSED);
        assertThat(code(c, Pem.readCertificate(ECDSA.resolve("untrusted.crt.pem")))).as("another CA")
                .isEqualTo(ClientCertificates.REFUSED);
        assertThat(code(c, Pem.readCertificate(ECDSA.resolve("expired.crt.pem")))).isEqualTo(ClientCertificates.REFUSED);
        assertThat(code(c, Pem.readCertificate(Path.of("certs-sample", "sm2", "610113001.crt.pem"))))
                .as("issued by another CA").isEqualTo(ClientCertificates.REFUSED);
    }

    @Test
    void withoutAConfiguredIssuerNoCertificateIdentifiesAnyone() throws Exception {
        ClientCertificates none = new ClientCertificates(new IdentityProperties(false, null), Clock.systemUTC());
        assertThatThrownBy(() -> none.requireTownshipCertificate(new X509Certificate[] {township("610113001", true)}))
                .isInstanceOf(IngressException.class).extracting("code").isEqualTo(ClientCertificates.REFUSED);
    }
}
