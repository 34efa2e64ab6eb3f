package org.assistx.gateway.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Fresh keys and certificates for tests that must not depend on the committed sample PKI. */
public final class TestKeys {

    private TestKeys() {
    }

    public static KeyPair keyPair(CryptoProfile profile) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
            generator.initialize(new ECGenParameterSpec(profile.curveName()));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate selfSigned(CryptoProfile profile, KeyPair keys, String dn) {
        try {
            Instant now = Instant.now();
            X500Name name = new X500Name(dn);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic());
            return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(
                    builder.build(new JcaContentSignerBuilder(profile.signatureAlgorithm())
                            .setProvider(BouncyCastle.provider()).build(keys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
