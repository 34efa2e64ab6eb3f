package org.assistx.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.delivery.VerificationPipeline;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeException;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.envelope.SignedMessage;
import org.assistx.gateway.mapping.Outcome;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.InboundRefusals;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRecord.Direction;
import org.assistx.gateway.tracking.MessageRecord.MessageStatus;
import org.assistx.gateway.tracking.MessageRepository;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The asking side: a member gateway's signed {@code VERIFICATION_RESULT} / {@code PROOF_RESULT} arriving at our
 * exchange endpoint, answering a request this gateway sent it over the {@code EXCHANGE} transport. The answer is
 * checked as any partner's reply (signature by the member's pinned signing certificate, sender = the member the
 * request went to, {@code requestHash} of that request, correlation id and type), mapped from the common format
 * and recorded by the same step as a reply that came in the transport's answer
 * ({@link VerificationPipeline#recordAnswer}). The member retries until it gets a 2xx, so the same answer again
 * is {@code ALREADY_HELD} and changes nothing.
 */
@Component
public class ExchangeAnswers {

    private static final Logger log = LoggerFactory.getLogger(ExchangeAnswers.class);

    private final VerificationRepository verifications;
    private final MessageRepository messages;
    private final PartnerRegistry partners;
    private final VerificationPipeline pipeline;
    private final EnvelopeVerifier verifier;
    private final TransactionTemplate tx;
    private final InboundRefusals refusals;
    private final Clock clock;
    private final ObjectMapper json;

    public ExchangeAnswers(VerificationRepository verifications, MessageRepository messages, PartnerRegistry partners,
            VerificationPipeline pipeline, EnvelopeVerifier verifier, TransactionTemplate tx, InboundRefusals refusals,
            Clock clock, ObjectMapper json) {
        this.verifications = verifications;
        this.messages = messages;
        this.partners = partners;
        this.pipeline = pipeline;
        this.verifier = verifier;
        this.tx = tx;
        this.refusals = refusals;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Verifies the answer and records it on the verification; the same answer again is {@code ALREADY_HELD}.
     *
     * @throws GatewayException with its code when the answer is refused (nothing is changed)
     */
    public ExchangeReceipt accept(SignedMessage answer) {
        String verificationId = answer.header().correlationId();
        VerificationRecord v = verifications.find(verificationId).orElseThrow(() -> refuse(answer, null,
                new EnvelopeException(Code.UNEXPECTED_REPLY, "answer " + answer.messageId() + " names verification '"
                        + verificationId + "', which this gateway does not hold")));
        PartnerRegistry.Partner member = partners.find(v.routePartner()).filter(p -> p.descriptor().answersLater())
                .orElseThrow(() -> refuse(answer, verificationId, new EnvelopeException(Code.UNEXPECTED_REPLY,
                        "verification " + verificationId + " was not sent to a member gateway (route "
                                + v.routePartner() + ")")));
        MessageType requestType = answer.type() == MessageType.PROOF_RESULT ? MessageType.PROOF_REQUEST
                : MessageType.VERIFICATION_REQUEST;
        MessageRecord request = messages.findOutbound(verificationId, requestType.name())
                .orElseThrow(() -> refuse(answer, verificationId, new EnvelopeException(Code.UNEXPECTED_REPLY,
                        "answer " + answer.messageId() + " is a " + answer.type() + ", but verification "
                                + verificationId + " sent no " + requestType)));
        Optional<MessageRecord> earlier = messages.find(answer.messageId());
        if (earlier.isPresent()) {
            if (verificationId.equals(earlier.get().verificationId())
                    && answer.signedDigest().equals(earlier.get().signedDigest())) {
                log.info("Verification {}: answer {} of {} was taken before", verificationId, answer.messageId(),
                        member.id());
                return new ExchangeReceipt(answer.messageId(), ExchangeReceipt.ALREADY_HELD, verificationId);
            }
            throw refuse(answer, verificationId, new EnvelopeException(Code.REPLAYED,
                    "message " + answer.messageId() + " was received before"));
        }
        if (undetermined(answer)) {
            recordUndetermined(v, member, request, answer);
        } else {
            pipeline.recordAnswer(verificationId, request.messageId(), member, answer.text());
        }
        return new ExchangeReceipt(answer.messageId(), ExchangeReceipt.ACCEPTED, verificationId);
    }

    /** Whether the member says it could not determine the outcome (no answer from its county bureau). */
    private static boolean undetermined(SignedMessage answer) {
        if (!(answer instanceof Envelope e)) {
            return false;
        }
        JsonNode outcome = e.payload().path("outcome");
        return Outcome.UNDETERMINED.name().equals(outcome.asText());
    }

    private void recordUndetermined(VerificationRecord v, PartnerRegistry.Partner member, MessageRecord requestRecord,
            SignedMessage answer) {
        SignedMessage request = Envelope.parse(json, requestRecord.envelope());
        try {
            verifier.verifyReply(answer, request, member.trust(), member.descriptor().crypto().signer(), member.id());
        } catch (GatewayException e) {
            throw refuse(answer, v.verificationId(), e);
        }
        String reason = Code.HUKOU_UNDETERMINED.name() + ": " + member.id() + " could not determine the outcome"
                + Optional.ofNullable(((Envelope) answer).payload().path("reason").textValue())
                        .map(r -> " (" + r + ")").orElse("");
        Instant now = clock.instant();
        MessageRecord in = new MessageRecord(answer.messageId(), v.verificationId(), Direction.IN,
                answer.type().name(), member.id(), answer.header().sender(), answer.header().recipient(),
                answer.text(), answer.signedDigest(), requestRecord.messageId(), MessageStatus.RECEIVED, 1, null, now,
                now);
        tx.executeWithoutResult(status -> {
            messages.insert(in);
            messages.updateStatus(requestRecord.messageId(), MessageStatus.DELIVERED, null);
            if (!verifications.markUndetermined(v.verificationId(), reason)) {
                messages.updateStatus(in.messageId(), MessageStatus.DUPLICATE, "verification was already final");
            }
        });
        log.warn("Verification {} is UNDETERMINED: {}", v.verificationId(), reason);
    }

    private GatewayException refuse(SignedMessage answer, String verificationId, GatewayException e) {
        refusals.record(new InboundRefusals.Entry(InboundRefusals.Channel.PARTNER_REPLY, answer.header().sender(),
                null, e.code(), answer.messageId(), verificationId, null, e.getMessage()));
        return e;
    }
}
