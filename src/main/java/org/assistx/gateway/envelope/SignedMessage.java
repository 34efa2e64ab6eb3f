package org.assistx.gateway.envelope;

import java.util.HexFormat;
import org.assistx.gateway.crypto.CryptoProfile;

/**
 * A signed message in any rendering: the JSON {@link Envelope} (signed over the JCS form of header and
 * payload) or the {@link XmlEnvelope} of a partner whose own messages are XML (signed over the XML
 * canonical form of the same header and its payload). Verification, the request hash and the message
 * store treat both alike.
 */
public interface SignedMessage {

    EnvelopeHeader header();

    /** The exact bytes the signature covers. */
    byte[] signedBytes();

    /** {@code SM3withSM2} or {@code SHA256withECDSA}. */
    String signatureAlgorithm();

    /** DER of the signer certificate carried with the signature. */
    byte[] certificateDer();

    /** DER signature value. */
    byte[] signatureValue();

    /** The exact text of the message as signed and sent, or as received. */
    String text();

    default String messageId() {
        return header().messageId();
    }

    default MessageType type() {
        return header().type();
    }

    /**
     * Hex hash of the signed bytes with the digest of the message's own signature algorithm (SM3 or
     * SHA-256): what a reply carries as {@code header.requestHash}.
     */
    default String signedDigest() {
        return HexFormat.of().formatHex(CryptoProfile.fromSignatureAlgorithm(signatureAlgorithm()).digest(signedBytes()));
    }
}
