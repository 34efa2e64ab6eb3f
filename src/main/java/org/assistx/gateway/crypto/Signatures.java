package org.assistx.gateway.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/**
 * Signing and verification of raw bytes for a {@link CryptoProfile}. Signatures are DER-encoded
 * {@code SEQUENCE { r INTEGER, s INTEGER }} for both profiles. SM2 signatures use the GM/T 0009 default
 * user id {@value #SM2_DEFAULT_USER_ID}, so that
 * {@code openssl dgst -sm3 -sigopt distid:1234567812345678 -verify pub.pem -signature sig.der data}
 * accepts them.
 *
 * <p>Keys must be elliptic-curve keys on the profile's curve (sm2p256v1 for SM2, P-256 for ECDSA); any
 * other key is refused with {@code UNSUPPORTED_ALGORITHM}, so that an SM2 envelope can never be "verified"
 * with, say, a P-256 key.
 */
public final class Signatures {

    /** The GM/T 0009 default SM2 user id (distinguishing identifier). */
    public static final String SM2_DEFAULT_USER_ID = "1234567812345678";

    private static final Map<String, ECNamedCurveParameterSpec> CURVES = new ConcurrentHashMap<>();

    private Signatures() {
    }

    /** The Bouncy Castle provider used for every operation here, registered once per process. */
    public static Provider provider() {
        return BouncyCastle.provider();
    }

    /**
     * Signs {@code data} with {@code key}.
     *
     * @return the DER-encoded signature
     * @throws CryptoException {@code UNSUPPORTED_ALGORITHM} if the key does not fit the profile,
     *                         {@code KEY_UNREADABLE} if the key cannot be used for signing
     */
    public static byte[] sign(CryptoProfile profile, PrivateKey key, byte[] data) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        requireProfileKey(profile, key);
        try {
            Signature signature = newSignature(profile);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (InvalidKeyException e) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE,
                    "Private key cannot be used for " + profile.signatureAlgorithm(), e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.UNSUPPORTED_ALGORITHM,
                    "Cannot sign with " + profile.signatureAlgorithm(), e);
        }
    }

    /**
     * Verifies a DER-encoded signature over {@code data}.
     *
     * @return {@code true} if the signature is valid; {@code false} for a wrong, tampered or malformed
     *         signature (never throws for those)
     * @throws CryptoException {@code UNSUPPORTED_ALGORITHM} if the key does not fit the profile,
     *                         {@code KEY_UNREADABLE} if the key cannot be used for verification
     */
    public static boolean verify(CryptoProfile profile, PublicKey key, byte[] data, byte[] signature) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        if (signature == null || signature.length == 0) {
            return false;
        }
        requireProfileKey(profile, key);
        Signature verifier;
        try {
            verifier = newSignature(profile);
            verifier.initVerify(key);
        } catch (InvalidKeyException e) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE,
                    "Public key cannot be used for " + profile.signatureAlgorithm(), e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.UNSUPPORTED_ALGORITHM,
                    "Cannot verify " + profile.signatureAlgorithm(), e);
        }
        try {
            verifier.update(data);
            return verifier.verify(signature);
        } catch (SignatureException | RuntimeException e) {
            // Malformed signature encodings (bad DER, wrong length, out-of-range integers) are simply
            // invalid signatures.
            return false;
        }
    }

    private static Signature newSignature(CryptoProfile profile) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(profile.signatureAlgorithm(), provider());
        if (profile == CryptoProfile.SM2) {
            signature.setParameter(new SM2ParameterSpec(SM2_DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII)));
        }
        return signature;
    }

    /**
     * Checks that {@code key} is an elliptic-curve key on the curve of {@code profile}.
     *
     * @throws CryptoException {@code UNSUPPORTED_ALGORITHM} otherwise
     */
    static void requireProfileKey(CryptoProfile profile, Key key) {
        if (!(key instanceof ECKey ecKey) || ecKey.getParams() == null) {
            throw new CryptoException(CryptoException.UNSUPPORTED_ALGORITHM,
                    "A " + profile + " key must be an elliptic-curve key, got " + key.getAlgorithm());
        }
        if (!onCurve(ecKey.getParams(), profile.curveName())) {
            throw new CryptoException(CryptoException.UNSUPPORTED_ALGORITHM,
                    "Key is not on curve " + profile.curveName() + " required by " + profile);
        }
    }

    /** Whether the key parameters are those of the named curve (compared by value, not by name). */
    static boolean onCurve(ECParameterSpec params, String curveName) {
        ECNamedCurveParameterSpec expected = CURVES.computeIfAbsent(curveName, ECNamedCurveTable::getParameterSpec);
        if (expected == null) {
            return false;
        }
        ECField field = params.getCurve().getField();
        if (!(field instanceof ECFieldFp fp)) {
            return false;
        }
        BigInteger p = expected.getCurve().getField().getCharacteristic();
        return fp.getP().equals(p)
                && params.getOrder().equals(expected.getN())
                && params.getCurve().getA().equals(expected.getCurve().getA().toBigInteger())
                && params.getCurve().getB().equals(expected.getCurve().getB().toBigInteger())
                && params.getGenerator().getAffineX().equals(expected.getG().getAffineXCoord().toBigInteger())
                && params.getGenerator().getAffineY().equals(expected.getG().getAffineYCoord().toBigInteger());
    }
}
