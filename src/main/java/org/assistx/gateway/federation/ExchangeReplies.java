package org.assistx.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.delivery.EgressOutbox;
import org.assistx.gateway.division.Division;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigners;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.mapping.NonReceiptProof;
import org.assistx.gateway.mapping.Outcome;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRecord.Direction;
import org.assistx.gateway.tracking.MessageRecord.MessageStatus;
import org.assistx.gateway.tracking.MessageRepository;
import org.assistx.gateway.tracking.StoredJson;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.assistx.gateway.tracking.VerificationStatus;
import org.assistx.gateway.tracking.VerificationStatusChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The answers of the hukou side: when the local verification of a request another member sent us is final
 * (ANSWERED or UNDETERMINED), its signed {@code VERIFICATION_RESULT} / {@code PROOF_RESULT} is made once —
 * bound to the request ({@code requestHash}, {@code correlationId}, sender and recipient swapped), signed with
 * our key of the request's crypto profile — and stored in the message store ({@code OUT}); then it is POSTed to
 * the asking member's exchange endpoint ({@code exchangeUrls[0]} of the directory in force at send time) through
 * {@code core-egress-exchange-answers} ({@link EgressOutbox}), retried with backoff until a 2xx, the same bytes
 * each time. The answer is made after the commit of the final status ({@link #onStatusChanged}) and, for what a
 * crash left behind, by the scheduler route {@code core-schedule-exchange-answers} ({@link #claimDue}), which also
 * claims the due answers row by row so two nodes never post one at once.
 *
 * <p>Payload: {@code {"outcome", "records", "proof"}}, the local verification's result. For a
 * {@code PROOF_REQUEST} answered {@code NOT_RECEIVING} with no proof from the county bureau, the gateway issues
 * the proof of non-receipt on the hukou county's behalf (docs/federation.md).
 */
@Component("exchangeReplies")
public class ExchangeReplies implements EgressOutbox {

    private static final Logger log = LoggerFactory.getLogger(ExchangeReplies.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Exchange property: the request whose answer is being posted. */
    static final String ANSWER = "assistxExchangeAnswer";
    /** The statement of a proof the hukou gateway issues on the county's behalf. */
    static final String ISSUED_STATEMENT = "经户籍地县级民政部门核查，未发现该人员在户籍地享受社会救助；本证明由户籍地网关代为出具。"
            + " / The civil-affairs bureau of the hukou county found no assistance received at the hukou place;"
            + " this proof is issued by the hukou place's gateway on its behalf.";

    private final ExchangeRepository store;
    private final VerificationRepository verifications;
    private final MessageRepository messages;
    private final EnvelopeSigners signers;
    private final ObjectProvider<FederationDirectory> directory;
    private final DivisionRegistry divisions;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final String memberId;

    public ExchangeReplies(ExchangeRepository store, VerificationRepository verifications, MessageRepository messages,
            EnvelopeSigners gatewaySigners, ObjectProvider<FederationDirectory> directory, DivisionRegistry divisions,
            PlatformTransactionManager transactions, ObjectMapper json, Clock clock, FederationProperties properties,
            @Value("${assistx.exchange.answer-backoff:PT5S}") Duration backoff,
            @Value("${assistx.exchange.answer-max-backoff:PT10M}") Duration maxBackoff) {
        this.store = store;
        this.verifications = verifications;
        this.messages = messages;
        this.signers = gatewaySigners;
        this.directory = directory;
        this.divisions = divisions;
        // its own transaction: run after another one committed, it must not join that one's resources
        this.tx = new TransactionTemplate(transactions);
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.clock = clock;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.memberId = properties.memberId();
    }

    /** After a verification's final status committed: its answer, if it is the local check of a request. */
    @TransactionalEventListener(fallbackExecution = true)
    public void onStatusChanged(VerificationStatusChanged changed) {
        if (changed.status() != VerificationStatus.ANSWERED && changed.status() != VerificationStatus.UNDETERMINED) {
            return;
        }
        try {
            prepare(changed.verificationId());
        } catch (RuntimeException e) {
            log.warn("Exchange answer for verification {} not made now ({}); the sweep makes it",
                    changed.verificationId(), e.toString());
        }
    }

    /**
     * Makes and stores the answer of the request whose local verification this is, once: the row lock makes
     * "find or make" one step, so the listener and the sweep (on any node) never make two.
     *
     * @return the answer's message id, empty when there is nothing (yet) to answer
     */
    public Optional<String> prepare(String verificationId) {
        return Optional.ofNullable(tx.execute(status -> {
            Optional<ExchangeRepository.Request> locked = store.lockByVerification(verificationId);
            if (locked.isEmpty() || locked.get().answerMessageId() != null) {
                return locked.map(ExchangeRepository.Request::answerMessageId).orElse(null);
            }
            ExchangeRepository.Request r = locked.get();
            VerificationRecord v = verifications.find(verificationId).orElse(null);
            if (v == null || v.status() != VerificationStatus.ANSWERED && v.status() != VerificationStatus.UNDETERMINED) {
                return null;
            }
            Envelope request = Envelope.parse(json, messages.find(r.messageId()).orElseThrow().envelope());
            Instant now = clock.instant();
            MessageType type = request.type().replyType();
            EnvelopeHeader header = new EnvelopeHeader(UUID.randomUUID().toString(),
                    request.header().correlationId(), type, request.header().recipient(), request.header().sender(),
                    now, EnvelopeHeader.SCHEMA_VERSION, request.signedDigest(), null, null);
            Envelope answer = signers.forProfile(CryptoProfile.fromSignatureAlgorithm(request.signatureAlgorithm()))
                    .sign(header, payload(v, request));
            messages.insert(new MessageRecord(answer.messageId(), verificationId, Direction.OUT, type.name(),
                    r.memberId(), header.sender(), header.recipient(), answer.text(), answer.signedDigest(),
                    request.messageId(), MessageStatus.PENDING, 0, null, now, now));
            // in the exchange outbox from now on (not a notice for the notice sweep)
            messages.markEnqueued(answer.messageId());
            store.markAnswerStored(r.messageId(), answer.messageId(), now);
            log.info("Exchange: {} {} answers {} of member {} (verification {}, {})", type, answer.messageId(),
                    request.messageId(), r.memberId(), verificationId, v.outcome());
            return answer.messageId();
        }));
    }

    /**
     * {@code {"outcome", "records", "proof"}} from the local verification; UNDETERMINED has no records. A
     * PROOF_REQUEST answered NOT_RECEIVING without the bureau's proof gets one issued here.
     */
    ObjectNode payload(VerificationRecord v, Envelope request) {
        ObjectNode payload = json.createObjectNode();
        if (v.status() != VerificationStatus.ANSWERED || v.resultJson() == null) {
            payload.put("outcome", Outcome.UNDETERMINED.name());
            payload.putArray("records");
            payload.putNull("proof");
            return payload;
        }
        JsonNode result = StoredJson.read(json, v.resultJson());
        payload.put("outcome", result.path("outcome").asText());
        payload.set("records", result.path("records").isArray() ? result.get("records") : json.createArrayNode());
        JsonNode proof = result.path("proof");
        if ((proof.isMissingNode() || proof.isNull()) && request.type() == MessageType.PROOF_REQUEST
                && Outcome.NOT_RECEIVING.name().equals(payload.path("outcome").asText())) {
            proof = json.valueToTree(issuedProof(v, request));
        }
        payload.set("proof", proof.isMissingNode() ? json.nullNode() : proof);
        return payload;
    }

    /**
     * The proof of non-receipt the hukou gateway issues on the hukou county's behalf: document number from the
     * local verification's id, issuer the hukou county (6 digits), issued today (China time), no signature of
     * its own over the document (the signed answer carries it), source the gateway's member id.
     */
    NonReceiptProof issuedProof(VerificationRecord v, Envelope request) {
        JsonNode person = request.payload().path("person");
        String county = person.path("hukouDivision").asText().substring(0, 6);
        String issuerName = divisions.find(county).map(Division::name).orElse(null);
        return new NonReceiptProof("XG-" + v.verificationId().toUpperCase(Locale.ROOT),
                person.path("idNumber").asText().toUpperCase(Locale.ROOT), person.path("name").asText(null), county,
                issuerName, LocalDate.ofInstant(clock.instant(), CHINA), null, ISSUED_STATEMENT, false,
                "assistx-gateway" + (memberId.isEmpty() ? "" : ":" + memberId));
    }

    /** Makes the answers a crash left unmade, then claims the answers due now, each for one attempt. */
    public List<ExchangeRepository.Request> claimDue() {
        for (String verificationId : store.findFinalWithoutAnswer(100)) {
            try {
                prepare(verificationId);
            } catch (RuntimeException e) {
                log.warn("Exchange answer for verification {} not made ({}); tried again", verificationId, e.toString());
            }
        }
        Instant now = clock.instant();
        List<ExchangeRepository.Request> claimed = new ArrayList<>();
        for (ExchangeRepository.Request r : store.findDueAnswers(now)) {
            if (store.claimAnswer(r, now.plusSeconds(60))) {
                claimed.add(r);
            }
        }
        return claimed;
    }

    @Override
    public void sign(Exchange exchange) throws IOException {
        ExchangeRepository.Request r = exchange.getMessage().getBody(ExchangeRepository.Request.class);
        exchange.setProperty(ANSWER, r);
        FederationDirectory d = directory.getIfAvailable();
        Directory current = d == null ? null : d.current().orElse(null);
        if (current == null) {
            throw new IOException("no federation directory is in force");
        }
        DirectoryMember member = current.member(r.memberId())
                .orElseThrow(() -> new IOException("member " + r.memberId() + " is not in directory version "
                        + current.version()));
        if (member.exchangeUrls().isEmpty()) {
            throw new IOException("member " + r.memberId() + " lists no exchange endpoint");
        }
        MessageRecord answer = messages.find(r.answerMessageId())
                .orElseThrow(() -> new IOException("answer " + r.answerMessageId() + " is no longer stored"));
        messages.countAttempt(answer.messageId());
        exchange.setProperty(URL, member.exchangeUrls().get(0));
        exchange.getMessage().setBody(answer.envelope());
    }

    @Override
    public void record(Exchange exchange) {
        ExchangeRepository.Request r = exchange.getProperty(ANSWER, ExchangeRepository.Request.class);
        int status = EgressOutbox.status(exchange);
        if (status / 100 == 2) {
            store.markAnswerDelivered(r.messageId(), clock.instant());
            messages.updateStatus(r.answerMessageId(), MessageStatus.DELIVERED, null);
            exchange.setProperty(DELIVERED, true);
            log.info("Exchange answer {} delivered to member {}", r.answerMessageId(), r.memberId());
            return;
        }
        retryLater(r, "HTTP " + status);
    }

    @Override
    public void failed(Exchange exchange) {
        ExchangeRepository.Request r = exchange.getProperty(ANSWER, ExchangeRepository.Request.class);
        if (r == null) {
            log.warn("Exchange answer not attempted: {}", EgressOutbox.problem(exchange));
            return;
        }
        retryLater(r, EgressOutbox.problem(exchange));
    }

    /** A failed attempt: tried again after an exponential backoff with jitter; never given up. */
    private void retryLater(ExchangeRepository.Request r, String error) {
        int attempts = r.answerAttempts() + 1;
        long millis = Math.min(maxBackoff.toMillis(), backoff.toMillis() << Math.min(attempts - 1, 20));
        Instant next = clock.instant().plusMillis((long) (millis * (0.5 + ThreadLocalRandom.current().nextDouble())));
        store.markAnswerFailed(r.messageId(), attempts, error, next);
        messages.noteError(r.answerMessageId(), error);
        log.warn("Exchange answer {} to member {} attempt {} failed ({}); tried again at {}", r.answerMessageId(),
                r.memberId(), attempts, error, next);
    }

    /** The newest requests taken, with their local verification's state, for operators. */
    public List<RequestView> recent(int limit) {
        return store.recentRequests(limit).stream().map(r -> {
            Optional<VerificationRecord> v = verifications.find(r.verificationId());
            return new RequestView(r.messageId(), r.requestType(), r.memberId(), r.verificationId(),
                    v.map(x -> x.status().name()).orElse(null), v.map(VerificationRecord::outcome).orElse(null),
                    r.receivedAt(), r.answerMessageId(), r.answerStatus(), r.answerAttempts(), r.answerLastError(),
                    r.deliveredAt());
        }).toList();
    }

    /** One request taken, as the operations view lists it. */
    public record RequestView(String messageId, String type, String memberId, String verificationId,
            String verificationStatus, String outcome, Instant receivedAt, String answerMessageId,
            String answerStatus, int answerAttempts, String answerLastError, Instant deliveredAt) {
    }
}
