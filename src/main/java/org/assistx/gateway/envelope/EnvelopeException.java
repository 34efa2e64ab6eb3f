package org.assistx.gateway.envelope;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * An envelope that cannot be accepted. Codes: {@code ENVELOPE_MALFORMED}, {@code SIGNATURE_INVALID},
 * {@code CERTIFICATE_UNTRUSTED}, {@code CERTIFICATE_EXPIRED}, {@code CERTIFICATE_REVOKED},
 * {@code UNSUPPORTED_ALGORITHM}, {@code MESSAGE_TOO_OLD}, {@code MESSAGE_FROM_FUTURE}, {@code REPLAYED},
 * {@code REQUEST_HASH_MISMATCH}, {@code UNEXPECTED_REPLY}, {@code SENDER_NOT_COVERED}, {@code SENDER_MISMATCH},
 * {@code RECIPIENT_MISMATCH}.
 */
public class EnvelopeException extends GatewayException {

    public EnvelopeException(Code code, String message) {
        super(code, message);
    }

    public EnvelopeException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public EnvelopeException(String code, String message) {
        super(code, message);
    }

    public EnvelopeException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
