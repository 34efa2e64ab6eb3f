package org.assistx.gateway.crypto;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * A signature, certificate or key problem. The {@link #code()} is one of the constants below; they are
 * stable and end up in API answers, dead-letter reasons and audit entries.
 */
public class CryptoException extends GatewayException {

    /** A signature did not verify against the signed bytes and the signer's key. */
    public static final String SIGNATURE_INVALID = Code.SIGNATURE_INVALID.name();
    /** The certificate does not chain to any configured trust anchor. */
    public static final String CERTIFICATE_UNTRUSTED = Code.CERTIFICATE_UNTRUSTED.name();
    /** A certificate in the chain is not valid at the instant asked for (expired or not yet valid). */
    public static final String CERTIFICATE_EXPIRED = Code.CERTIFICATE_EXPIRED.name();
    /** A certificate in the chain is listed in a CRL of its issuer. */
    public static final String CERTIFICATE_REVOKED = Code.CERTIFICATE_REVOKED.name();
    /** The revocation status could not be had from a configured CRL location or OCSP responder: fail closed. */
    public static final String REVOCATION_UNAVAILABLE = Code.REVOCATION_UNAVAILABLE.name();
    /** Unknown signature algorithm, or a key whose type or curve does not fit the crypto profile. */
    public static final String UNSUPPORTED_ALGORITHM = Code.UNSUPPORTED_ALGORITHM.name();
    /** Key material (private key, certificate, CRL) that cannot be read, decoded or used. */
    public static final String KEY_UNREADABLE = Code.KEY_UNREADABLE.name();
    /** The PKCS#11 token holding a signing key cannot be opened, logged in to, or holds no such key. */
    public static final String KEY_TOKEN_UNAVAILABLE = Code.KEY_TOKEN_UNAVAILABLE.name();
    /** A JSON value that has no RFC 8785 canonical form (NaN, infinity, lone surrogate, lossy number). */
    public static final String CANONICALIZATION_FAILED = Code.CANONICALIZATION_FAILED.name();

    public CryptoException(Code code, String message) {
        super(code, message);
    }

    public CryptoException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public CryptoException(String code, String message) {
        super(code, message);
    }

    public CryptoException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
