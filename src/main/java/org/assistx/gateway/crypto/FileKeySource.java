package org.assistx.gateway.crypto;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A private key held in memory, read from an unencrypted PKCS#8 PEM file (or made in memory), signed with
 * Bouncy Castle. {@link #toString()} never shows the key.
 *
 * @param privateKey  the signing key
 * @param certificate certificate of the matching public key
 * @param description where the key came from
 */
public record FileKeySource(PrivateKey privateKey, X509Certificate certificate, String description)
        implements KeySource {

    public FileKeySource {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(description, "description");
    }

    /**
     * Reads a certificate PEM and an unencrypted PKCS#8 key PEM.
     *
     * @throws CryptoException {@code KEY_UNREADABLE} if a file cannot be read
     */
    public static FileKeySource load(Path certPem, Path keyPem) {
        X509Certificate certificate = Pem.readCertificate(certPem);
        return new FileKeySource(Pem.readPrivateKey(keyPem), certificate, keyPem.toString());
    }

    @Override
    public byte[] sign(CryptoProfile profile, byte[] data) {
        return Signatures.sign(profile, privateKey, data);
    }

    @Override
    public String toString() {
        return "FileKeySource[" + description + "]";
    }
}
