package org.assistx.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.crypto.BouncyCastle;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A city's own SM2 keys, made fresh in a test (as {@code docs/deploy/make-keys.sh} makes them with OpenSSL): the
 * gateway's CA and signing key, its county bureaus' CA and signer, and the county-bureau partner folder (a copy of
 * the shipped one covering the city and trusting that bureau CA only), for a gateway of another city than 西安.
 */
final class CityKeys {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** Where a city's files were written. */
    record City(String area, Path gatewayCa, Path gatewayCert, Path gatewayKey, Path bureauCertsDir, String bureauSigner,
            Path partners, String bureaus) {
    }

    private CityKeys() {
    }

    /**
     * Writes under {@code home}: {@code keys/} (the gateway's CA, certificate and key), {@code bureau/sm2/} (the
     * bureaus' signer as the simulator reads it, {@code assistx.simulators.certs-dir=bureau}) and
     * {@code partners/<bureaus>/}.
     */
    static City make(Path home, String area, String bureaus) throws Exception {
        KeyPair caKeys = keyPair();
        X509Certificate ca = certificate("C=CN,O=" + area + ",CN=Test " + area + " SM2 CA", caKeys, null, null, true);
        KeyPair gatewayKeys = keyPair();
        X509Certificate gateway = certificate("C=CN,O=" + area + ",CN=gateway", gatewayKeys, caKeys, ca, false);
        Path caFile = write(home.resolve("keys/ca.pem"), Pem.toPem(ca));
        Path certFile = write(home.resolve("keys/gateway-sm2.crt.pem"), Pem.toPem(gateway));
        Path keyFile = write(home.resolve("keys/gateway-sm2.key.pem"), Pem.toPem(gatewayKeys.getPrivate()));

        String signer = "county-bureau-" + area;
        KeyPair bureauCaKeys = keyPair();
        X509Certificate bureauCa = certificate("C=CN,O=" + area + ",CN=" + signer + " CA", bureauCaKeys, null, null, true);
        KeyPair bureauKeys = keyPair();
        X509Certificate bureau = certificate("C=CN,O=" + area + ",CN=" + signer, bureauKeys, bureauCaKeys, bureauCa, false);
        write(home.resolve("bureau/sm2/" + signer + ".crt.pem"), Pem.toPem(bureau));
        write(home.resolve("bureau/sm2/" + signer + ".key.pem"), Pem.toPem(bureauKeys.getPrivate()));

        Path folder = home.resolve("partners").resolve(bureaus);
        GatewayTestSupport.copyTree(Path.of("routes/partners/xian-county-bureaus"), folder);
        try (Stream<Path> trust = Files.list(folder.resolve("trust"))) {
            for (Path p : trust.toList()) {
                Files.delete(p);
            }
        }
        write(folder.resolve("trust/root-ca.pem"), Pem.toPem(bureauCa));
        Path descriptor = folder.resolve("partner.yaml");
        write(descriptor, Files.readString(descriptor)
                .replaceFirst("(?m)^id: .*$", "id: " + bureaus)
                .replaceFirst("(?m)^covers: .*$", "covers: [\"" + area + "\"]")
                .replaceFirst("(?m)^organisation: .*$", "organisation: \"" + area + "\"")
                .replaceFirst("(?m)^  signer: .*$", "  signer: " + signer));
        return new City(area, caFile, certFile, keyFile, home.resolve("bureau"), signer, home.resolve("partners"), bureaus);
    }

    static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
        return generator.generateKeyPair();
    }

    /** An SM2 certificate: self-signed if {@code issuer} is null; a CA or a signing leaf. */
    static X509Certificate certificate(String subject, KeyPair keys, KeyPair issuerKeys, X509Certificate issuer,
            boolean ca) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        X500Name issuerName = issuer == null ? name : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(0) : new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        if (issuer != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer));
        }
        return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(builder.build(
                new JcaContentSignerBuilder(CryptoProfile.SM2.signatureAlgorithm()).setProvider(BouncyCastle.provider())
                        .build((issuerKeys == null ? keys : issuerKeys).getPrivate())));
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
