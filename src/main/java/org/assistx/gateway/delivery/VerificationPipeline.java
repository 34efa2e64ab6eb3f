package org.assistx.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.audit.Masking;
import org.assistx.gateway.envelope.EnvelopeException;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.envelope.SignedMessage;
import org.assistx.gateway.mapping.AssistanceRecord;
import org.assistx.gateway.mapping.MappingException;
import org.assistx.gateway.mapping.NonReceiptProof;
import org.assistx.gateway.mapping.Outcome;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.InboundRefusals;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRecord.Direction;
import org.assistx.gateway.tracking.MessageRecord.MessageStatus;
import org.assistx.gateway.tracking.MessageRepository;
import org.assistx.gateway.tracking.StoredJson;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery of a verification by its partner's route ({@code core-partner-delivery}): {@link #sign} turns a stored verification into a
 * signed {@code VERIFICATION_REQUEST} or {@code PROOF_REQUEST} in the partner's format (see
 * {@link PartnerMessages}), or reuses the one already signed, so a redelivery sends the same message id;
 * {@link #record} verifies the partner's signed answer, maps it to canonical records and proof,
 * decides the outcome and stores it in one transaction.
 */
@Component("verificationPipeline")
public class VerificationPipeline implements DeliveryPipeline {

    @Override
    public PartnerDelivery.Kind kind() {
        return PartnerDelivery.Kind.VERIFICATION;
    }


    private static final Logger log = LoggerFactory.getLogger(VerificationPipeline.class);

    /**
     * Status reason code of an R8 verification whose partner answered without records of assistance received
     * and without an electronic proof of non-receipt, when the applicant brought none either: the file would
     * lack the proof that plan 四(三) requires, so the answer is {@code UNDETERMINED}, not {@code NOT_RECEIVING}.
     */
    public static final String ANSWER_WITHOUT_PROOF = Code.ANSWER_WITHOUT_PROOF.name();

    private static final Set<String> EXTERNAL = Set.of("CROSS_CITY", "CROSS_PROVINCE");

    private final VerificationRepository verifications;
    private final MessageRepository messages;
    private final PartnerRegistry partners;
    private final PartnerMessages partnerMessages;
    private final EnvelopeVerifier verifier;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final InboundRefusals refusals;

    public VerificationPipeline(VerificationRepository verifications, MessageRepository messages,
            PartnerRegistry partners, PartnerMessages partnerMessages, EnvelopeVerifier verifier, TransactionTemplate tx,
            ObjectMapper json, Clock clock, InboundRefusals refusals) {
        this.verifications = verifications;
        this.messages = messages;
        this.partners = partners;
        this.partnerMessages = partnerMessages;
        this.verifier = verifier;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.refusals = refusals;
    }

    /**
     * The verification whose id is the body, unless it needs no delivery (unknown or already final): then the
     * exchange is marked {@link Exchanges#SKIP}.
     */
    Optional<VerificationRecord> stillToDeliver(Exchange exchange) {
        String verificationId = exchange.getMessage().getBody(String.class);
        Optional<VerificationRecord> found = verifications.find(verificationId);
        if (found.isEmpty() || found.get().status().isFinal()) {
            log.info("Verification {} needs no delivery ({})", verificationId,
                    found.map(v -> v.status().name()).orElse("unknown id"));
            exchange.setProperty(Exchanges.SKIP, true);
            return Optional.empty();
        }
        return found;
    }

    /** Loads the verification and puts the signed request in the body; marks {@link Exchanges#SKIP} if final. */
    @Override
    public void sign(Exchange exchange) {
        Optional<VerificationRecord> found = stillToDeliver(exchange);
        if (found.isEmpty()) {
            return;
        }
        VerificationRecord v = found.get();
        String verificationId = v.verificationId();
        PartnerRegistry.Partner partner = partners.get(v.routePartner());
        MessageType type = partnerMessages.requestType(v, partner);
        // Two copies of one verification id (a sweep re-queued it while the first was in flight) must not sign
        // two requests: the row lock makes "find or sign" one step, so both send the same message id.
        MessageRecord request = tx.execute(status -> {
            verifications.lock(verificationId);
            return messages.findOutbound(verificationId, type.name())
                    .orElseGet(() -> store(v, partnerMessages.signRequest(v, partner, type)));
        });
        exchange.setProperty(Exchanges.VERIFICATION_ID, verificationId);
        exchange.setProperty(Exchanges.QUEUED_AT, v.enqueuedAt() != null ? v.enqueuedAt() : v.createdAt());
        exchange.setProperty(Exchanges.PARTNER_ID, partner.id());
        exchange.setProperty(Exchanges.TRANSPORT, partner.descriptor().transport().route());
        exchange.setProperty(Exchanges.REQUEST_MESSAGE_ID, request.messageId());
        exchange.getMessage().setBody(request.envelope());
        log.debug("Verification {} is to send {} {} to {}", verificationId, type, request.messageId(), partner.id());
    }

    /** Just before the call (the partner's breaker let it through): counts the attempt, the verification is SENT. */
    @Override
    public void dispatch(Exchange exchange) {
        String verificationId = exchange.getProperty(Exchanges.VERIFICATION_ID, String.class);
        String messageId = exchange.getProperty(Exchanges.REQUEST_MESSAGE_ID, String.class);
        messages.countAttempt(messageId);
        verifications.markSent(verificationId);
        log.info("Verification {} sends {} to {}", verificationId, messageId,
                exchange.getProperty(Exchanges.PARTNER_ID));
    }

    private MessageRecord store(VerificationRecord v, SignedMessage envelope) {
        Instant now = clock.instant();
        MessageRecord record = new MessageRecord(envelope.messageId(), v.verificationId(), Direction.OUT,
                envelope.type().name(), v.routePartner(), envelope.header().sender(), envelope.header().recipient(),
                envelope.text(), envelope.signedDigest(), null, MessageStatus.PENDING, 0, null, now, now);
        messages.insert(record);
        return record;
    }

    /**
     * Verifies and records the partner's answer in the body; throws {@link EnvelopeException} (or another
     * coded {@link GatewayException}) if it fails, after recording the refusal for the operations API.
     */
    @Override
    public void record(Exchange exchange) {
        String verificationId = exchange.getProperty(Exchanges.VERIFICATION_ID, String.class);
        String requestMessageId = exchange.getProperty(Exchanges.REQUEST_MESSAGE_ID, String.class);
        PartnerRegistry.Partner partner = partners.get(exchange.getProperty(Exchanges.PARTNER_ID, String.class));
        if (partner.descriptor().answersLater()) {
            // a member gateway took the request (2xx); its signed answer comes to our exchange endpoint
            log.info("Verification {}: {} took request {}; its answer comes later", verificationId, partner.id(),
                    requestMessageId);
            return;
        }
        recordAnswer(verificationId, requestMessageId, partner, exchange.getMessage().getBody(String.class));
    }

    /**
     * Verifies and records an answer to the request {@code requestMessageId} of a verification, however it came
     * (in the transport's reply, or later as a message of its own); throws its coded {@link GatewayException}
     * after recording the refusal. The same answer recorded before changes nothing.
     */
    public void recordAnswer(String verificationId, String requestMessageId, PartnerRegistry.Partner partner,
            String replyText) {
        MessageRecord requestRecord = messages.find(requestMessageId).orElseThrow();
        SignedMessage request = partnerMessages.readStored(requestRecord.envelope());
        SignedMessage reply = null;
        try {
            reply = partnerMessages.readReply(partner, replyText);
            accept(verificationId, requestMessageId, partner, request, reply);
        } catch (GatewayException e) {
            if (!MappingException.PARTNER_ERROR.equals(e.code())) {
                refusals.record(new InboundRefusals.Entry(InboundRefusals.Channel.PARTNER_REPLY,
                        reply == null ? null : reply.header().sender(), partner.id(), e.code(),
                        reply == null ? null : reply.messageId(), verificationId, null, e.getMessage()));
            }
            throw e;
        }
    }

    private void accept(String verificationId, String requestMessageId, PartnerRegistry.Partner partner,
            SignedMessage request, SignedMessage reply) {
        PartnerMessages.CheckedReply checked = partnerMessages.check(partner, reply, request, verifier);
        List<AssistanceRecord> records = checked.records();
        Outcome outcome = checked.outcome();
        Optional<NonReceiptProof> proof = checked.proof();
        String withoutProof = null;
        VerificationRecord v = verifications.find(verificationId).orElseThrow();
        if (outcome == Outcome.NOT_RECEIVING && proof.isEmpty() && EXTERNAL.contains(v.jurisdiction())) {
            // R8 (四(三)): NOT_RECEIVING needs a proof of non-receipt in the file: the partner's, else the
            // applicant's (a deployment that asks the partner despite a proof), else the answer is undetermined.
            proof = NonReceiptProof.ofApplicantRequest(StoredJson.read(json, v.requestJson()));
            if (proof.isEmpty()) {
                outcome = Outcome.UNDETERMINED;
                withoutProof = ANSWER_WITHOUT_PROOF + ": partner " + partner.id() + " found no assistance received"
                        + " but sent no proof of non-receipt, which plan 四(三) requires for a hukou in another city or"
                        + " province; ask the hukou county for the proof (" + records.size() + " record(s) in answer "
                        + reply.messageId() + ")";
            }
        }
        ObjectNode result = json.createObjectNode();
        result.put("outcome", outcome.name());
        result.set("records", json.valueToTree(records));
        result.set("proof", proof.<JsonNode>map(json::valueToTree).orElse(json.nullNode()));
        String reason = withoutProof;
        Outcome decided = outcome;
        Instant now = clock.instant();
        MessageRecord in = new MessageRecord(reply.messageId(), verificationId, Direction.IN, reply.type().name(),
                partner.id(), reply.header().sender(), reply.header().recipient(), reply.text(),
                reply.signedDigest(), requestMessageId, MessageStatus.RECEIVED, 1, null, now, now);
        Optional<MessageRecord> earlier = messages.find(reply.messageId());
        if (earlier.isPresent() && verificationId.equals(earlier.get().verificationId())
                && requestMessageId.equals(earlier.get().inReplyTo())) {
            // The same answer to the same request, taken by a second copy of this delivery: already recorded.
            log.info("Verification {}: answer {} was recorded before; nothing to do", verificationId,
                    reply.messageId());
            return;
        }
        tx.executeWithoutResult(status -> {
            try {
                messages.insert(in);
            } catch (DuplicateKeyException e) {
                throw new EnvelopeException(Code.REPLAYED, "message " + reply.messageId() + " was received before");
            }
            messages.updateStatus(requestMessageId, MessageStatus.DELIVERED, null);
            boolean recorded = reason != null ? verifications.markUndetermined(verificationId, reason)
                    : verifications.markAnswered(verificationId, decided.name(), StoredJson.write(json, result));
            if (!recorded) {
                messages.updateStatus(in.messageId(), MessageStatus.DUPLICATE, "verification was already final");
            }
        });
        if (reason != null) {
            log.warn("Verification {} is UNDETERMINED: {}", verificationId, reason);
        }
        log.info("Verification {} answered by {}: {} ({} record(s)) for {}", verificationId, partner.id(), outcome,
                records.size(), records.isEmpty() ? "-" : Masking.idNumber(records.get(0).personIdNumber()));
    }
}
