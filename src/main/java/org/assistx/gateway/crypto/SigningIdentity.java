package org.assistx.gateway.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * An organisation's signing key with its certificate and crypto profile. The key is wherever its
 * {@link KeySource} keeps it: in memory from a PEM file, or in a token that signs inside.
 * {@link #toString()} never shows the private key.
 *
 * @param organisation organisation code the identity signs for (e.g. {@code 6101})
 * @param profile      algorithms the key belongs to
 * @param keys         the signing key and its certificate (sent along with each signature)
 */
public record SigningIdentity(String organisation, CryptoProfile profile, KeySource keys) {

    private static final byte[] PROBE = "assistx key/certificate match probe".getBytes(StandardCharsets.US_ASCII);

    public SigningIdentity {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(keys, "keys");
        if (keys instanceof FileKeySource file) {
            Signatures.requireProfileKey(profile, file.privateKey());
        }
        Signatures.requireProfileKey(profile, keys.certificate().getPublicKey());
    }

    /** An identity whose key is in memory. */
    public SigningIdentity(String organisation, CryptoProfile profile, PrivateKey privateKey,
            X509Certificate certificate) {
        this(organisation, profile, new FileKeySource(privateKey, certificate, "key in memory"));
    }

    /** The certificate of the key, sent along with each signature. */
    public X509Certificate certificate() {
        return keys.certificate();
    }

    /** The DER signature of {@code data} with this identity's key and profile. */
    public byte[] sign(byte[] data) {
        return keys.sign(profile, data);
    }

    /**
     * Loads an identity from a certificate PEM and an unencrypted PKCS#8 key PEM, and checks that the key
     * belongs to the certificate.
     *
     * @throws CryptoException {@code KEY_UNREADABLE} if a file cannot be read or the key does not match
     *                         the certificate; {@code UNSUPPORTED_ALGORITHM} if the key is not on the
     *                         profile's curve
     */
    public static SigningIdentity load(String organisation, CryptoProfile profile, Path certPem, Path keyPem) {
        return open(organisation, profile, FileKeySource.load(certPem, keyPem));
    }

    /**
     * The identity of an opened key source, once its key has signed a probe that its certificate verifies.
     *
     * @throws CryptoException {@code KEY_UNREADABLE} if the key is not that of the certificate;
     *                         {@code UNSUPPORTED_ALGORITHM} if the certificate is not on the profile's curve
     */
    public static SigningIdentity open(String organisation, CryptoProfile profile, KeySource keys) {
        SigningIdentity identity = new SigningIdentity(organisation, profile, keys);
        X509Certificate certificate = keys.certificate();
        if (!Signatures.verify(profile, certificate.getPublicKey(), PROBE, identity.sign(PROBE))) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE, keys.description()
                    + " is not the private key of the certificate " + certificate.getSubjectX500Principal().getName());
        }
        return identity;
    }

    @Override
    public String toString() {
        X509Certificate certificate = keys.certificate();
        return "SigningIdentity[organisation=" + organisation + ", profile=" + profile
                + ", certificate=" + certificate.getSubjectX500Principal().getName()
                + " #" + certificate.getSerialNumber().toString(16) + ", key=" + keys.description() + "]";
    }
}
