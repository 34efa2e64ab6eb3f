package org.assistx.gateway.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reading and writing PEM files: certificates, PKCS#8 private keys (SM2 and EC) and CRLs. Everything is
 * parsed with the Bouncy Castle provider, so SM2 certificates and keys work. Every failure is a
 * {@link CryptoException} with code {@code KEY_UNREADABLE} naming the file.
 */
public final class Pem {

    private Pem() {
    }

    /** The first certificate in a PEM file. */
    public static X509Certificate readCertificate(Path path) {
        List<X509Certificate> certificates = readCertificates(path);
        if (certificates.isEmpty()) {
            throw unreadable(path, "no CERTIFICATE block", null);
        }
        return certificates.get(0);
    }

    /** All certificates in a PEM file, in file order; other PEM blocks are skipped. */
    public static List<X509Certificate> readCertificates(Path path) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : readObjects(path)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(new JcaX509CertificateConverter().setProvider(BouncyCastle.provider())
                            .getCertificate(holder));
                } catch (GeneralSecurityException e) {
                    throw unreadable(path, "bad certificate", e);
                }
            }
        }
        return List.copyOf(certificates);
    }

    /**
     * The private key in a PEM file: an unencrypted PKCS#8 {@code PRIVATE KEY} block (an OpenSSL
     * {@code EC PRIVATE KEY} block is accepted too). Encrypted keys are refused.
     */
    public static PrivateKey readPrivateKey(Path path) {
        for (Object object : readObjects(path)) {
            try {
                if (object instanceof PrivateKeyInfo info) {
                    return converter().getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter().getPrivateKey(pair.getPrivateKeyInfo());
                }
            } catch (IOException e) {
                throw unreadable(path, "bad private key", e);
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                throw unreadable(path, "encrypted private keys are not supported", null);
            }
        }
        throw unreadable(path, "no PRIVATE KEY block", null);
    }

    /** The first CRL in a PEM file. */
    public static X509CRL readCrl(Path path) {
        for (Object object : readObjects(path)) {
            if (object instanceof X509CRLHolder holder) {
                try {
                    return new JcaX509CRLConverter().setProvider(BouncyCastle.provider()).getCRL(holder);
                } catch (GeneralSecurityException e) {
                    throw unreadable(path, "bad CRL", e);
                }
            }
        }
        throw unreadable(path, "no X509 CRL block", null);
    }

    /** What a trust file holds: certificates and CRLs, in file order. */
    public record Bundle(List<X509Certificate> certificates, List<X509CRL> crls) {
    }

    /**
     * Every certificate and CRL in a PEM file of trust material (any number of each). A file holding
     * anything else (a private key, an unknown block) or nothing usable is refused, never skipped silently.
     */
    public static Bundle readBundle(Path path) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        for (Object object : readObjects(path)) {
            try {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().setProvider(BouncyCastle.provider())
                            .getCertificate(holder));
                } else if (object instanceof X509CRLHolder holder) {
                    crls.add(new JcaX509CRLConverter().setProvider(BouncyCastle.provider()).getCRL(holder));
                } else {
                    throw unreadable(path, "holds a " + object.getClass().getSimpleName()
                            + ", not a certificate or CRL (trust files hold only CERTIFICATE and X509 CRL blocks)", null);
                }
            } catch (GeneralSecurityException e) {
                throw unreadable(path, "bad certificate or CRL", e);
            }
        }
        if (certificates.isEmpty() && crls.isEmpty()) {
            throw unreadable(path, "holds no CERTIFICATE or X509 CRL block", null);
        }
        return new Bundle(List.copyOf(certificates), List.copyOf(crls));
    }

    /** A certificate from its DER encoding (e.g. the base64-decoded {@code signature.certificate}). */
    public static X509Certificate certificateFromDer(byte[] der) {
        Objects.requireNonNull(der, "der");
        X509Certificate certificate;
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", BouncyCastle.provider());
            certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE, "Certificate cannot be decoded", e);
        }
        if (certificate == null) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE, "Certificate cannot be decoded: no data");
        }
        return certificate;
    }

    /**
     * PEM text of an {@link X509Certificate}, {@link X509CRL}, {@link PublicKey} ({@code PUBLIC KEY}) or
     * {@link PrivateKey} (unencrypted PKCS#8 {@code PRIVATE KEY}), with {@code \n} line ends.
     */
    public static String toPem(Object object) {
        Objects.requireNonNull(object, "object");
        if (!(object instanceof X509Certificate || object instanceof X509CRL || object instanceof PublicKey
                || object instanceof PrivateKey)) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE,
                    "Cannot write " + object.getClass().getName() + " as PEM");
        }
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PrivateKey key) {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE, "Cannot encode " + describe(object), e);
        }
        return out.toString().replace("\r\n", "\n");
    }

    private static List<Object> readObjects(Path path) {
        Objects.requireNonNull(path, "path");
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1);
             PEMParser parser = new PEMParser(reader)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, "not readable as PEM", e);
        }
        return objects;
    }

    private static JcaPEMKeyConverter converter() {
        return new JcaPEMKeyConverter().setProvider(BouncyCastle.provider());
    }

    private static String describe(Object object) {
        return object instanceof X509Certificate ? "certificate"
                : object instanceof X509CRL ? "CRL"
                : object instanceof PublicKey ? "public key" : "private key";
    }

    private static CryptoException unreadable(Path path, String reason, Throwable cause) {
        return new CryptoException(CryptoException.KEY_UNREADABLE, path + ": " + reason, cause);
    }
}
