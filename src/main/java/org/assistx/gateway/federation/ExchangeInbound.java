package org.assistx.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.audit.Masking;
import org.assistx.gateway.delivery.DispatchQueue;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.division.Jurisdiction;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.policy.Category;
import org.assistx.gateway.policy.PolicySettings;
import org.assistx.gateway.tracking.InboundRefusals;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRecord.Direction;
import org.assistx.gateway.tracking.MessageRecord.MessageStatus;
import org.assistx.gateway.tracking.MessageRepository;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.assistx.gateway.tracking.VerificationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hukou side of the exchange endpoint ({@code POST /api/v1/exchange}, docs/federation.md "The hukou side"):
 * a signed message from another member gateway is checked — the directory in force, the signer a member lists,
 * signature, chain and time window ({@link EnvelopeVerifier}), the sender bound to that member, the recipient
 * ours — then taken once by its message id. A {@code VERIFICATION_REQUEST} / {@code PROOF_REQUEST} about a
 * person whose hukou is in our served area becomes a local verification, stored with the request in one
 * transaction and queued like a township's ({@link DispatchQueue}), so our county bureau's route checks it; its
 * signed answer goes back later ({@link ExchangeReplies}). A notice for one of our townships goes to the
 * township inbox ({@link ExchangeInbox}). Answers to our own requests go to {@link ExchangeAnswers}. Every
 * refusal is recorded ({@link InboundRefusals}, channel {@code EXCHANGE}) and changes nothing.
 */
@Service
public class ExchangeInbound {

    private static final Logger log = LoggerFactory.getLogger(ExchangeInbound.class);
    private static final Pattern DIVISION = Pattern.compile("\\d{2,12}");
    private static final Pattern TOWNSHIP = Pattern.compile("\\d{9}");
    private static final Set<MessageType> ANSWERS = Set.of(MessageType.VERIFICATION_RESULT, MessageType.PROOF_RESULT);
    /** The local verification's status reason: which member asked, for the console and the trace. */
    static final String REASON = "EXCHANGE_REQUEST";

    private final FederationProperties properties;
    private final ObjectProvider<FederationDirectory> directory;
    private final EnvelopeVerifier verifier;
    private final ExchangeAnswers answers;
    private final ExchangeRepository store;
    private final ExchangeInbox inbox;
    private final MessageRepository messages;
    private final VerificationRepository verifications;
    private final DispatchQueue dispatch;
    private final PartnerRegistry partners;
    private final DivisionRegistry divisions;
    private final InboundRefusals refusals;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final String servedAreaPrefix;
    private final String organisation;

    public ExchangeInbound(FederationProperties properties, ObjectProvider<FederationDirectory> directory,
            EnvelopeVerifier verifier, ExchangeAnswers answers, ExchangeRepository store, ExchangeInbox inbox,
            MessageRepository messages, VerificationRepository verifications, DispatchQueue dispatch,
            PartnerRegistry partners, DivisionRegistry divisions, PolicySettings policy, InboundRefusals refusals,
            TransactionTemplate tx, ObjectMapper json, Clock clock,
            @Value("${assistx.crypto.organisation}") String organisation) {
        this.properties = properties;
        this.directory = directory;
        this.verifier = verifier;
        this.answers = answers;
        this.store = store;
        this.inbox = inbox;
        this.messages = messages;
        this.verifications = verifications;
        this.dispatch = dispatch;
        this.partners = partners;
        this.divisions = divisions;
        this.refusals = refusals;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.servedAreaPrefix = policy.servedAreaPrefix();
        this.organisation = organisation;
    }

    /**
     * Takes one message (the envelope's JSON text) from {@code remoteAddress}.
     *
     * @return the receipt of the {@code 202}: {@code ACCEPTED} (stored now) or {@code ALREADY_HELD}
     * @throws GatewayException with its code when refused (recorded; nothing was stored)
     */
    public ExchangeReceipt receive(String text, String remoteAddress) {
        Envelope envelope = null;
        DirectoryMember member = null;
        try {
            if (!properties.enabled()) {
                throw new ExchangeException(Code.FEDERATION_OFF, null,
                        "本网关未加入联邦。 / This gateway takes no part in a federation (assistx.federation.enabled).");
            }
            envelope = Envelope.parse(json, text);
            if (ANSWERS.contains(envelope.type())) {
                return answers.accept(envelope);
            }
            Directory d = directory().orElseThrow(() -> new ExchangeException(Code.NO_DIRECTORY_IN_FORCE, null,
                    "没有有效的联邦目录。 / No federation directory is in force; retry later."));
            member = MemberTrust.signer(d, envelope.certificateDer()).orElseThrow(() -> new ExchangeException(
                    Code.SENDER_NOT_MEMBER, "signature.certificate", "签名证书不属于任何成员网关。 / The signing "
                            + "certificate is not one a member of directory version " + d.version() + " lists."));
            verifier.verify(envelope, MemberTrust.validator(member));
            checkAddressing(envelope, member);
            if (envelope.type().isRequest()) {
                return takeRequest(envelope, member);
            }
            return inbox.take(envelope, member, this::addressedTownship);
        } catch (GatewayException e) {
            refusals.record(new InboundRefusals.Entry(InboundRefusals.Channel.EXCHANGE,
                    envelope == null ? null : envelope.header().sender(), member == null ? null : member.id(),
                    e.code(), envelope == null ? null : envelope.messageId(), null, remoteAddress, e.getMessage()));
            throw e;
        }
    }

    private Optional<Directory> directory() {
        FederationDirectory d = directory.getIfAvailable();
        Instant now = clock.instant();
        return d == null ? Optional.empty() : d.current().filter(dir -> dir.validAt(now));
    }

    /**
     * The sender must be the signing member itself (its organisation) or a division it serves (a township of its
     * city); the recipient our organisation or a division of our served area.
     */
    private void checkAddressing(Envelope envelope, DirectoryMember member) {
        String id = envelope.messageId();
        if (id.length() > 64) {
            throw new ExchangeException(Code.ENVELOPE_MALFORMED, "header.messageId",
                    "header.messageId must have at most 64 characters");
        }
        String sender = envelope.header().sender();
        boolean bound = sender.equals(member.organisation())
                || DIVISION.matcher(sender).matches() && member.coverage(sender) >= 0;
        if (!bound || sender.length() > 12) {
            throw new ExchangeException(Code.SENDER_NOT_BOUND, "header.sender", "发送方不属于签名的成员网关。 / "
                    + "Sender '" + sender + "' is neither member " + member.id() + "'s organisation nor in its "
                    + "divisions " + member.divisions() + ".");
        }
        String recipient = envelope.header().recipient();
        if (!recipient.equals(organisation) && !(DIVISION.matcher(recipient).matches()
                && recipient.startsWith(servedAreaPrefix))) {
            throw new ExchangeException(Code.NOT_SERVED_HERE, "header.recipient", "接收方不是本网关。 / Recipient '"
                    + recipient + "' is neither this gateway's organisation nor in its served area " + servedAreaPrefix
                    + ".");
        }
    }

    private ExchangeReceipt takeRequest(Envelope request, DirectoryMember member) {
        Optional<ExchangeReceipt> held = alreadyHeld(request);
        if (held.isPresent()) {
            return held.get();
        }
        VerificationRecord record = localVerification(request, member);
        Instant now = clock.instant();
        try {
            tx.executeWithoutResult(status -> {
                verifications.insert(record);
                messages.insert(new MessageRecord(request.messageId(), record.verificationId(), Direction.IN,
                        request.type().name(), member.id(), request.header().sender(), request.header().recipient(),
                        request.text(), request.signedDigest(), null, MessageStatus.RECEIVED, 1, null, now, now));
                store.insertRequest(new ExchangeRepository.Request(request.messageId(), member.id(),
                        request.type().name(), record.verificationId(), request.signedDigest(), now, null, null, null,
                        0, null, null, null));
            });
        } catch (DuplicateKeyException race) {
            return alreadyHeld(request).orElseThrow(() -> replayed(request));
        }
        log.info("Exchange: {} {} from member {} about {} is local verification {} (route {})", request.type(),
                request.messageId(), member.id(), record.applicantMasked(), record.verificationId(),
                record.routePartner());
        dispatch.enqueue(record.verificationId());
        return new ExchangeReceipt(request.messageId(), ExchangeReceipt.ACCEPTED, record.verificationId());
    }

    /** The same request again (same signed digest): its receipt; another message under a known id: refused. */
    private Optional<ExchangeReceipt> alreadyHeld(Envelope request) {
        Optional<ExchangeRepository.Request> earlier = store.findRequest(request.messageId());
        if (earlier.isPresent()) {
            if (!earlier.get().requestDigest().equals(request.signedDigest())) {
                throw replayed(request);
            }
            log.info("Exchange: {} {} was taken before; answered once", request.type(), request.messageId());
            return Optional.of(new ExchangeReceipt(request.messageId(), ExchangeReceipt.ALREADY_HELD,
                    earlier.get().verificationId()));
        }
        if (messages.find(request.messageId()).isPresent()) {
            throw replayed(request);
        }
        return Optional.empty();
    }

    static ExchangeException replayed(Envelope message) {
        return new ExchangeException(Code.REPLAYED, "header.messageId", "该消息编号此前已用于另一条消息。 / Message id "
                + message.messageId() + " was received before with other content.");
    }

    /**
     * The local verification of a request: the check at our county bureau of a person whose hukou is here and who
     * lives in the asking member's area. Its jurisdiction is {@code CROSS_COUNTY} (the bureau of the hukou county
     * checks for someone who does not live in that county): the rule that an external NOT_RECEIVING needs a proof
     * (R8) is the asking side's, so the local answer is never turned into UNDETERMINED for want of one.
     */
    private VerificationRecord localVerification(Envelope request, DirectoryMember member) {
        JsonNode payload = request.payload();
        JsonNode person = payload.path("person");
        String idNumber = text(person, "idNumber", "payload.person.idNumber", 32);
        String hukou = text(person, "hukouDivision", "payload.person.hukouDivision", 12);
        if (!hukou.startsWith(servedAreaPrefix)) {
            throw new ExchangeException(Code.NOT_SERVED_HERE, "payload.person.hukouDivision", "户籍地不在本网关服务区域。 "
                    + "/ Hukou place " + hukou + " is outside the area this gateway serves (" + servedAreaPrefix + ").");
        }
        if (divisions.find(hukou).isEmpty()) {
            throw new ExchangeException(Code.UNKNOWN_DIVISION, "payload.person.hukouDivision",
                    "户籍地区划代码不在区划表中。 / Hukou division " + hukou + " is not in the division list.");
        }
        PartnerRegistry.Partner partner = partners.covering(hukou).orElseThrow(() -> new ExchangeException(
                Code.NO_ROUTE, "payload.person.hukouDivision", "本网关没有合作方能核查该户籍地。 / No partner of this "
                        + "gateway covers hukou place " + hukou + "."));
        String township = payload.path("residenceTownship").isTextual() ? payload.path("residenceTownship").asText()
                : request.header().sender();
        if (!TOWNSHIP.matcher(township).matches() || member.coverage(township) < 0) {
            throw new ExchangeException(Code.SENDER_NOT_BOUND, "payload.residenceTownship", "居住地镇街不属于发送方成员。 / "
                    + "Residence township '" + township + "' is not a township member " + member.id() + " serves.");
        }
        String category = text(payload, "category", "payload.category", 24);
        if (Arrays.stream(Category.values()).noneMatch(c -> c.name().equals(category))) {
            throw new ExchangeException(Code.INVALID_FIELD, "payload.category", "payload.category must be one of "
                    + Arrays.toString(Category.values()));
        }
        ObjectNode body = json.createObjectNode();
        body.put("requestId", request.messageId());
        for (String field : new String[] {"appliedOn", "residenceSince", "assistanceType"}) {
            body.put(field, payload.path(field).asText());
        }
        body.put("residenceTownship", township);
        body.put("declarationOfNonReceipt", payload.path("declarationOfNonReceipt").asBoolean(false));
        body.set("applicant", person.deepCopy());
        body.putNull("emergency");
        body.putNull("proofOfNonReceipt");
        Instant now = clock.instant();
        return new VerificationRecord(UUID.randomUUID().toString(), member.organisation(), request.messageId(),
                request.signedDigest(), body.toString(), VerificationStatus.ACCEPTED,
                REASON + ": " + request.type() + " from member " + member.id(), Jurisdiction.CROSS_COUNTY.name(),
                category, partner.id(), partner.descriptor().organisation(), township, Masking.idNumber(idNumber),
                null, null, now, now, null, null);
    }

    /**
     * The township a notice is for: its {@code header.recipient} when that is a township of our served area;
     * else the hukou township of the person it is about ({@code payload.person.hukouDivision}); else none (then
     * it is listed for operators only).
     */
    String addressedTownship(Envelope notice) {
        String recipient = notice.header().recipient();
        if (ours(recipient)) {
            return recipient;
        }
        String hukou = notice.payload().path("person").path("hukouDivision").asText("");
        return ours(hukou) ? hukou : null;
    }

    private boolean ours(String code) {
        return TOWNSHIP.matcher(code).matches() && code.startsWith(servedAreaPrefix) && divisions.isTownship(code);
    }

    private static String text(JsonNode node, String name, String field, int max) {
        JsonNode v = node.path(name);
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
            throw new ExchangeException(Code.INVALID_FIELD, field, field + " must be a non-empty string of at most "
                    + max + " characters");
        }
        return v.asText();
    }
}
