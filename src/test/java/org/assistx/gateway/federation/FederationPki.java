package org.assistx.gateway.federation;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.assistx.gateway.crypto.BouncyCastle;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.MessageType;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Fresh SM2 keys and certificates for the directory tests: authorities, a CA above one, member certificates. */
public final class FederationPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private FederationPki() {
    }

    public static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
            generator.initialize(new ECGenParameterSpec("sm2p256v1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for {@code keys} named {@code dn}, signed by {@code issuerKeys} as {@code issuerDn}. */
    public static X509Certificate certificate(KeyPair keys, String dn, KeyPair issuerKeys, String issuerDn,
            Instant from, Instant to, boolean ca) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuerDn),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), new X500Name(dn),
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature : KeyUsage.digitalSignature));
            return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(
                    builder.build(new JcaContentSignerBuilder(CryptoProfile.SM2.signatureAlgorithm())
                            .setProvider(BouncyCastle.provider()).build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed certificate valid from 30 days ago for a year. */
    public static X509Certificate selfSigned(KeyPair keys, String dn) {
        Instant now = Instant.now();
        return certificate(keys, dn, keys, dn, now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)), false);
    }

    /** A directory authority with a fresh self-signed certificate. */
    public static SigningIdentity authority(String name) {
        KeyPair keys = keyPair();
        return authority(keys, selfSigned(keys, "CN=" + name + ",O=AssistX Federation"));
    }

    /** A directory authority signing with {@code keys} under {@code certificate}. */
    public static SigningIdentity authority(KeyPair keys, X509Certificate certificate) {
        return new SigningIdentity("directory-authority", CryptoProfile.SM2, keys.getPrivate(), certificate);
    }

    public static String der(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A member with a fresh SM2 signing certificate. */
    public static DirectoryMember member(String id, String organisation, List<String> divisions) {
        return member(id, organisation, divisions, selfSigned(keyPair(), "CN=" + id + ",O=" + organisation));
    }

    public static DirectoryMember member(String id, String organisation, List<String> divisions,
            X509Certificate signing) {
        return new DirectoryMember(id, organisation, organisation + " civil affairs", divisions,
                List.of("https://" + id + ".example.org/api/v1/exchange"), List.of(der(signing)), List.of(),
                List.of(CryptoProfile.SM2), List.of(MessageType.VERIFICATION_REQUEST, MessageType.PROOF_REQUEST));
    }

    /** A directory of the given members issued a minute ago and valid for {@code validFor}. */
    public static Directory directory(long version, Duration validFor, DirectoryMember... members) {
        Instant issued = Instant.now().minusSeconds(60);
        return new Directory(version, issued, issued.plus(validFor), List.of(members));
    }
}
