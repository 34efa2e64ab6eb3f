package org.assistx.gateway.e2e;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.assistx.gateway.crypto.BouncyCastle;
import org.assistx.gateway.crypto.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * What an integrator gets from a new province for a demo: a throwaway ECDSA P-256 key and certificate
 * issued by the sample issuing CA of {@code certs-sample/ecdsa/} (the guide does the same with OpenSSL).
 */
final class SampleLeaf {

    private SampleLeaf() {
    }

    static void issue(String commonName, String organisation, Path certificate, Path key) throws Exception {
        Path ca = Path.of("certs-sample", "ecdsa");
        X509Certificate issuer = Pem.readCertificate(ca.resolve("issuing-ca.pem"));
        PrivateKey issuerKey = Pem.readPrivateKey(ca.resolve("issuing-ca.key.pem"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        generator.initialize(new ECGenParameterSpec("P-256"), new SecureRandom());
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.OU, "AssistX sample").addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName).build();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(120, new SecureRandom()).setBit(119), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        X509Certificate cert = new JcaX509CertificateConverter().setProvider(BouncyCastle.provider())
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .setProvider(BouncyCastle.provider()).build(issuerKey)));
        Files.writeString(certificate, Pem.toPem(cert), StandardCharsets.US_ASCII);
        Files.writeString(key, Pem.toPem(keys.getPrivate()), StandardCharsets.US_ASCII);
    }
}
