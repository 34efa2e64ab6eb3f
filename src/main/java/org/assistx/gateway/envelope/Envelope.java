package org.assistx.gateway.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HexFormat;
import org.assistx.gateway.Code;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Jcs;

/**
 * A signed message (DESIGN §5): header, payload and signature. The signed bytes are the RFC 8785
 * canonical JSON of {@code {"header":…, "payload":…}}, so the signature survives any re-serialisation
 * on the way; {@link #text()} is the exact text that was sent or received and is what the store keeps.
 */
public final class Envelope implements SignedMessage {

    private final EnvelopeHeader header;
    private final JsonNode payload;
    private final String signatureAlgorithm;
    private final byte[] certificateDer;
    private final byte[] signatureValue;
    private final String text;

    private Envelope(EnvelopeHeader header, JsonNode payload, String signatureAlgorithm, byte[] certificateDer,
            byte[] signatureValue, String text) {
        this.header = header;
        this.payload = payload;
        this.signatureAlgorithm = signatureAlgorithm;
        this.certificateDer = certificateDer;
        this.signatureValue = signatureValue;
        this.text = text;
    }

    /** The bytes a signature covers: JCS of header and payload. */
    public static byte[] signedBytes(EnvelopeHeader header, JsonNode payload) {
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.set("header", header.toJson());
        signed.set("payload", payload);
        return Jcs.canonicalize(signed);
    }

    static Envelope assemble(ObjectMapper json, EnvelopeHeader header, JsonNode payload, String algorithm,
            byte[] certificateDer, byte[] signature) {
        ObjectNode root = withSignature(header.toJson(), payload, algorithm, certificateDer, signature);
        try {
            return new Envelope(header, payload, algorithm, certificateDer, signature, json.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "envelope cannot be serialised", e);
        }
    }

    /** {@code {"header", "payload", "signature": {"algorithm", "certificate", "value"}}}, base64 DER inside. */
    static ObjectNode withSignature(ObjectNode header, JsonNode payload, String algorithm, byte[] certificateDer,
            byte[] signature) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("header", header);
        root.set("payload", payload);
        ObjectNode sig = root.putObject("signature");
        sig.put("algorithm", algorithm);
        sig.put("certificate", Base64.getEncoder().encodeToString(certificateDer));
        sig.put("value", Base64.getEncoder().encodeToString(signature));
        return root;
    }

    /** Parses an envelope's text; the structure is checked, the signature is not (see {@link EnvelopeVerifier}). */
    public static Envelope parse(ObjectMapper json, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "envelope is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "envelope is not a JSON object");
        }
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "payload is missing or not an object");
        }
        JsonNode sig = root.get("signature");
        if (sig == null || !sig.isObject() || !sig.path("algorithm").isTextual()
                || !sig.path("certificate").isTextual() || !sig.path("value").isTextual()) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "signature must hold algorithm, certificate and value");
        }
        if (root.size() != 3) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "envelope must hold exactly header, payload, signature");
        }
        EnvelopeHeader header = EnvelopeHeader.fromJson(root.get("header"));
        try {
            return new Envelope(header, payload, sig.get("algorithm").asText(),
                    Base64.getDecoder().decode(sig.get("certificate").asText()),
                    Base64.getDecoder().decode(sig.get("value").asText()), text);
        } catch (IllegalArgumentException e) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "signature certificate or value is not base64");
        }
    }

    @Override
    public EnvelopeHeader header() {
        return header;
    }

    public JsonNode payload() {
        return payload;
    }

    @Override
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    @Override
    public byte[] signatureValue() {
        return signatureValue.clone();
    }

    /** The bytes the signature covers. */
    @Override
    public byte[] signedBytes() {
        return signedBytes(header, payload);
    }

    /** The exact text of this envelope as signed and sent, or as received. */
    @Override
    public String text() {
        return text;
    }

    /**
     * Hex hash of the signed bytes, with the digest of the envelope's own signature algorithm (SM3 or
     * SHA-256): what a reply carries as {@code header.requestHash}.
     */
    @Override
    public String signedDigest() {
        return HexFormat.of().formatHex(CryptoProfile.fromSignatureAlgorithm(signatureAlgorithm).digest(signedBytes()));
    }

    @Override
    public String messageId() {
        return header.messageId();
    }

    @Override
    public MessageType type() {
        return header.type();
    }
}
