package org.assistx.gateway.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeException;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.EnvelopeSigners;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.envelope.SignedMessage;
import org.assistx.gateway.envelope.XmlCanonicalization;
import org.assistx.gateway.envelope.XmlEnvelope;
import org.assistx.gateway.mapping.AssistanceRecord;
import org.assistx.gateway.mapping.NonReceiptProof;
import org.assistx.gateway.mapping.Outcome;
import org.assistx.gateway.mapping.Outcomes;
import org.assistx.gateway.mapping.RecordMapper;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.VerificationRecord;
import org.springframework.stereotype.Component;

/**
 * The partner-specific side of a verification, driven only by the partner's folder: which request type
 * it gets, which of the gateway's keys signs it (by the partner's crypto profile), its request payload (the gateway's canonical JSON, or the partner's own JSON/XML from its
 * request template), the envelope rendering (JSON signed over JCS, or XML signed over the XML canonical
 * form its descriptor names), and how its answer is read and mapped.
 *
 * <p><b>Proof flow.</b> An applicant whose hukou is in another city or province and who brought no proof is
 * routed by the policy to the partner covering the hukou place. If that partner accepts
 * {@code PROOF_REQUEST}, the gateway sends one {@code PROOF_REQUEST} asking for both the proof of
 * non-receipt and the person's assistance records; the {@code PROOF_RESULT} carries either or both, and
 * the partner's one mapping file maps both. Otherwise (and for cross-township and cross-county checks) it
 * sends a {@code VERIFICATION_REQUEST}.
 */
@Component
public class PartnerMessages {

    static final String PURPOSE = "居住地申办社会救助核查（方案四(一)(二)(三)）/ residence-based assistance check";
    private static final Set<String> EXTERNAL = Set.of("CROSS_CITY", "CROSS_PROVINCE");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final EnvelopeSigners signers;
    private final ObjectMapper json;
    private final Clock clock;

    public PartnerMessages(EnvelopeSigners gatewaySigners, ObjectMapper json, Clock clock) {
        this.signers = gatewaySigners;
        this.json = json;
        this.clock = clock;
    }

    /** The request type for a verification routed to this partner (see the proof flow above). */
    public MessageType requestType(VerificationRecord v, PartnerRegistry.Partner partner) {
        if (EXTERNAL.contains(v.jurisdiction()) && partner.descriptor().accepts(MessageType.PROOF_REQUEST)) {
            return MessageType.PROOF_REQUEST;
        }
        return MessageType.VERIFICATION_REQUEST;
    }

    /** Builds and signs the request for a verification, in the partner's format. */
    public SignedMessage signRequest(VerificationRecord v, PartnerRegistry.Partner partner, MessageType type) {
        PartnerDescriptor d = partner.descriptor();
        if (!d.accepts(type)) {
            throw new GatewayException(Code.TYPE_NOT_ACCEPTED, "partner " + d.id() + " does not accept " + type
                    + " (messageTypes " + d.messageTypes() + ")");
        }
        ObjectNode body = readObject(v.requestJson());
        Instant now = clock.instant();
        EnvelopeHeader header = new EnvelopeHeader(UUID.randomUUID().toString(), v.verificationId(), type,
                v.residenceTownship(), v.routeRecipient(), now, EnvelopeHeader.SCHEMA_VERSION, null, PURPOSE,
                v.requestId());
        EnvelopeSigner signer = signers.forProfile(d.crypto().profile());
        if (d.request() == null) {
            return signer.sign(header, canonicalPayload(v, body, type));
        }
        String rendered = d.request().render(values(v, body, type, header.messageId(), now));
        Optional<XmlCanonicalization> xml = d.crypto().canonicalization().xml();
        if (xml.isPresent()) {
            return signer.signXml(header, rendered, xml.get());
        }
        return signer.sign(header, readObject(rendered));
    }

    /** Reads a message of ours back from the store (JSON or XML, as it was signed). */
    public SignedMessage readStored(String text) {
        return XmlEnvelope.looksLikeXml(text) ? XmlEnvelope.parse(text) : Envelope.parse(json, text);
    }

    /**
     * Parses a partner's reply in the rendering its descriptor says; an XML reply must be signed over the
     * canonical form the descriptor names.
     */
    public SignedMessage readReply(PartnerRegistry.Partner partner, String text) {
        if (text == null || text.isBlank()) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "partner " + partner.id() + " answered with no envelope");
        }
        Optional<XmlCanonicalization> xml = partner.descriptor().crypto().canonicalization().xml();
        if (xml.isEmpty()) {
            return Envelope.parse(json, text);
        }
        XmlEnvelope reply = XmlEnvelope.parse(text);
        if (reply.canonicalization() != xml.get()) {
            throw new EnvelopeException(Code.UNSUPPORTED_ALGORITHM, "reply " + reply.messageId() + " is signed over "
                    + reply.canonicalization() + ", but partner " + partner.id() + " signs over " + xml.get());
        }
        return reply;
    }

    /** A partner's reply that passed every check, and what it says. */
    public record CheckedReply(SignedMessage reply, List<AssistanceRecord> records, Optional<NonReceiptProof> proof,
            Outcome outcome) {
    }

    /**
     * Every check of a partner's parsed reply to {@code request}, then its mapping: the signature and the
     * certificate chain to the partner's trust anchor (valid at {@code createdAt}, not revoked, inside the
     * window), the signer being the partner's own, the request hash; then records, proof and outcome. The
     * first failure throws its coded {@link GatewayException}; nothing else is expected to come out.
     */
    public CheckedReply check(PartnerRegistry.Partner partner, SignedMessage reply, SignedMessage request,
            EnvelopeVerifier verifier) {
        verifier.verifyReply(reply, request, partner.trust(), partner.descriptor().crypto().signer(), partner.id());
        List<AssistanceRecord> records = records(partner, reply);
        Optional<NonReceiptProof> proof = proof(partner, reply);
        return new CheckedReply(reply, records, proof, Outcomes.decide(records));
    }

    /** The canonical records in a reply (none when the mapping maps no records). */
    public List<AssistanceRecord> records(PartnerRegistry.Partner partner, SignedMessage reply) {
        RecordMapper mapper = partner.mapper();
        if (!mapper.spec().mapsRecords()) {
            return List.of();
        }
        return reply instanceof XmlEnvelope x ? mapper.mapRecords(x.payloadXml())
                : mapper.mapRecords(((Envelope) reply).payload());
    }

    /**
     * The proof of non-receipt in a reply, if the partner issued one, exactly as its mapping maps it (as
     * {@code validate-partner} replays it). {@code signatureVerified} is what the mapping says about a
     * signature over the proof document itself; that the reply carrying it verified does not make it
     * {@code true}.
     */
    public Optional<NonReceiptProof> proof(PartnerRegistry.Partner partner, SignedMessage reply) {
        RecordMapper mapper = partner.mapper();
        return reply instanceof XmlEnvelope x ? mapper.mapProof(x.payloadXml())
                : mapper.mapProof(((Envelope) reply).payload());
    }

    /** The gateway's own request payload, for partners that take it as it is (e.g. the county bureaus). */
    private ObjectNode canonicalPayload(VerificationRecord v, ObjectNode body, MessageType type) {
        ObjectNode payload = json.createObjectNode();
        payload.put("verificationId", v.verificationId());
        payload.put("requestId", v.requestId());
        payload.put("appliedOn", body.path("appliedOn").asText());
        payload.put("residenceTownship", v.residenceTownship());
        payload.put("residenceSince", body.path("residenceSince").asText());
        payload.put("assistanceType", body.path("assistanceType").asText());
        payload.put("category", v.category());
        payload.put("jurisdiction", v.jurisdiction());
        payload.put("declarationOfNonReceipt", body.path("declarationOfNonReceipt").asBoolean(false));
        if (type == MessageType.PROOF_REQUEST) {
            payload.put("proofRequested", true);
        }
        payload.set("person", body.path("applicant").deepCopy());
        return payload;
    }

    /** The values a request template may place (see {@code RequestTemplate.FIELDS}). */
    private Map<String, String> values(VerificationRecord v, ObjectNode body, MessageType type, String messageId,
            Instant now) {
        JsonNode person = body.path("applicant");
        Map<String, String> m = new LinkedHashMap<>();
        m.put("messageType", type.name());
        m.put("verificationId", v.verificationId());
        m.put("requestId", v.requestId());
        m.put("messageId", messageId);
        m.put("appliedOn", body.path("appliedOn").asText());
        m.put("today", LocalDate.ofInstant(now, CHINA).toString());
        m.put("residenceTownship", v.residenceTownship());
        m.put("residenceSince", body.path("residenceSince").asText());
        m.put("assistanceType", body.path("assistanceType").asText());
        m.put("category", v.category());
        m.put("jurisdiction", v.jurisdiction());
        m.put("declarationOfNonReceipt", Boolean.toString(body.path("declarationOfNonReceipt").asBoolean(false)));
        m.put("wantsProof", Boolean.toString(type == MessageType.PROOF_REQUEST));
        m.put("person.idNumber", person.path("idNumber").asText());
        m.put("person.name", person.path("name").asText());
        m.put("person.hukouDivision", person.path("hukouDivision").asText());
        m.put("person.hukouNature", person.path("hukouNature").asText());
        return m;
    }

    private ObjectNode readObject(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new GatewayException(Code.INTERNAL, "a request payload is not a JSON object", e);
        }
    }
}
