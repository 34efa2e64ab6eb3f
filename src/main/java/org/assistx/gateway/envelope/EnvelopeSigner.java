package org.assistx.gateway.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.cert.CertificateEncodingException;
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
            throw new EnvelopeException("KEY_UNREADABLE", "signer certificate cannot be encoded", e);
        }
    }

    public Envelope sign(EnvelopeHeader header, JsonNode payload) {
        byte[] signature = identity.sign(Envelope.signedBytes(header, payload));
        return Envelope.assemble(json, header, payload, identity.profile().signatureAlgorithm(), certificateDer,
                signature);
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
