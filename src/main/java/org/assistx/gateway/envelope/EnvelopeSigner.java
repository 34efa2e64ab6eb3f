package org.assistx.gateway.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.UUID;
import org.assistx.gateway.Code;
import org.assistx.gateway.crypto.Jcs;
import org.assistx.gateway.crypto.SigningIdentity;

/** Signs envelopes with one organisation's key (the gateway's, or a simulator's own). */
public final class EnvelopeSigner {

    private final ObjectMapper json;
    private final SigningIdentity identity;
    private final byte[] certificateDer;

    public EnvelopeSigner(ObjectMapper json, SigningIdentity identity) {
        this.json = json;
        this.identity = identity;
        try {
            this.certificateDer = identity.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new EnvelopeException(Code.KEY_UNREADABLE, "signer certificate cannot be encoded", e);
        }
    }

    public Envelope sign(EnvelopeHeader header, JsonNode payload) {
        byte[] signature = identity.sign(Envelope.signedBytes(header, payload));
        return Envelope.assemble(json, header, payload, identity.profile().signatureAlgorithm(), certificateDer,
                signature);
    }

    /**
     * Signs a body shaped like an envelope whose header is not one of the exchange message types (e.g. a
     * status-change callback): the signature covers the JCS bytes of {@code {"header", "payload"}} exactly
     * as for an envelope, so the same verification code checks it.
     */
    public ObjectNode signLikeEnvelope(ObjectNode header, JsonNode payload) {
        ObjectNode signed = JsonNodeFactory.instance.objectNode();
        signed.set("header", header);
        signed.set("payload", payload);
        byte[] signature = identity.sign(Jcs.canonicalize(signed));
        return Envelope.withSignature(header, payload, identity.profile().signatureAlgorithm(), certificateDer,
                signature);
    }

    /**
     * Signs a body shaped like an envelope from this signer's organisation, with a header made here: a fresh
     * {@code messageId}, the {@code type}, {@code sender} (this organisation), {@code recipient},
     * {@code createdAt} and {@code schemaVersion}, and a {@code correlationId} when one is given.
     */
    public ObjectNode signLikeEnvelope(String type, String recipient, String correlationId, Instant createdAt,
            JsonNode payload) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("messageId", UUID.randomUUID().toString());
        if (correlationId != null) {
            header.put("correlationId", correlationId);
        }
        header.put("type", type);
        header.put("sender", identity.organisation());
        header.put("recipient", recipient);
        header.put("createdAt", createdAt.toString());
        header.put("schemaVersion", EnvelopeHeader.SCHEMA_VERSION);
        return signLikeEnvelope(header, payload);
    }

    /**
     * Signs an XML envelope around a partner's own XML document, over the canonical form the partner's
     * descriptor names.
     */
    public XmlEnvelope signXml(EnvelopeHeader header, String payloadXml, XmlCanonicalization canonicalization) {
        return XmlEnvelope.sign(header, payloadXml, canonicalization, identity, certificateDer);
    }

    public SigningIdentity identity() {
        return identity;
    }
}
