package org.assistx.gateway.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * An organisation's signing key with its certificate and crypto profile. {@link #toString()} never shows
 * the private key.
 *
 * @param organisation organisation code the identity signs for (e.g. {@code 6101})
 * @param profile      algorithms the key belongs to
 * @param privateKey   signing key, on the profile's curve
 * @param certificate  certificate of the matching public key, sent along with each signature
 */
public record SigningIdentity(String organisation, CryptoProfile profile, PrivateKey privateKey,
                              X509Certificate certificate) {

    private static final byte[] PROBE = "assistx key/certificate match probe".getBytes(StandardCharsets.US_ASCII);

    public SigningIdentity {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        Signatures.requireProfileKey(profile, privateKey);
        Signatures.requireProfileKey(profile, certificate.getPublicKey());
    }

    /** The DER signature of {@code data} with this identity's key and profile. */
    public byte[] sign(byte[] data) {
        return Signatures.sign(profile, privateKey, data);
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
        X509Certificate certificate = Pem.readCertificate(certPem);
        PrivateKey key = Pem.readPrivateKey(keyPem);
        SigningIdentity identity = new SigningIdentity(organisation, profile, key, certificate);
        if (!Signatures.verify(profile, certificate.getPublicKey(), PROBE, identity.sign(PROBE))) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE,
                    keyPem + " is not the private key of the certificate in " + certPem);
        }
        return identity;
    }

    @Override
    public String toString() {
        return "SigningIdentity[organisation=" + organisation + ", profile=" + profile
                + ", certificate=" + certificate.getSubjectX500Principal().getName()
                + " #" + certificate.getSerialNumber().toString(16) + "]";
    }
}
