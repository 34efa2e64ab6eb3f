package org.assistx.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The algorithms an organisation signs with: Chinese commercial cryptography (SM2 signatures over SM3
 * digests) by default, or ECDSA on P-256 with SHA-256 for partners without SM2.
 */
public enum CryptoProfile {

    /** SM2 signature over SM3 (GM/T 0003, GM/T 0009 default user id), curve sm2p256v1. */
    SM2("SM3withSM2", "SM3", "sm2p256v1"),
    /** ECDSA over SHA-256 on NIST P-256 (secp256r1). */
    ECDSA_P256("SHA256withECDSA", "SHA-256", "P-256");

    private final String signatureAlgorithm;
    private final String digestAlgorithm;
    private final String curveName;

    CryptoProfile(String signatureAlgorithm, String digestAlgorithm, String curveName) {
        this.signatureAlgorithm = signatureAlgorithm;
        this.digestAlgorithm = digestAlgorithm;
        this.curveName = curveName;
    }

    /** JCA name of the signature algorithm, as written in the envelope: {@code SM3withSM2} or {@code SHA256withECDSA}. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** JCA name of the digest: {@code SM3} or {@code SHA-256}. */
    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    /** Name of the hash as recorded next to a hash value (e.g. with {@code header.requestHash}). */
    public String hashName() {
        return digestAlgorithm;
    }

    /** Bouncy Castle name of the elliptic curve that keys of this profile must use. */
    String curveName() {
        return curveName;
    }

    /** The digest of {@code data} with this profile's hash function. */
    public byte[] digest(byte[] data) {
        Objects.requireNonNull(data, "data");
        try {
            return MessageDigest.getInstance(digestAlgorithm, BouncyCastle.provider()).digest(data);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.UNSUPPORTED_ALGORITHM,
                    "Digest " + digestAlgorithm + " is not available", e);
        }
    }

    /**
     * The profile whose signature algorithm is {@code algorithm} (compared ignoring case).
     *
     * @throws CryptoException {@code UNSUPPORTED_ALGORITHM} for any other name, or {@code null}
     */
    public static CryptoProfile fromSignatureAlgorithm(String algorithm) {
        if (algorithm != null) {
            for (CryptoProfile profile : values()) {
                if (profile.signatureAlgorithm.equalsIgnoreCase(algorithm)) {
                    return profile;
                }
            }
        }
        throw new CryptoException(CryptoException.UNSUPPORTED_ALGORITHM,
                "Unsupported signature algorithm: " + algorithm);
    }
}
