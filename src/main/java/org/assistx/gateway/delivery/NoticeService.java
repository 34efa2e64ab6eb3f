package org.assistx.gateway.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigners;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.partner.PartnerConfigException;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRecord.Direction;
import org.assistx.gateway.tracking.MessageRecord.MessageStatus;
import org.assistx.gateway.tracking.ClusterJobs;
import org.assistx.gateway.tracking.MessageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One-way signed notices (DESIGN §3.7): approval feedback (R6), emergency aid (R4), payment suspension (R10)
 * and case transfer (R11). A notice is signed and stored with the business change that causes it (same
 * transaction when the caller has one), then queued on {@code assistx.core.notices} after the commit; the
 * sweep re-queues stored notices a crash left behind. Route: {@code core-notice-dispatch}.
 */
@Component
public class NoticeService {

    private static final Logger log = LoggerFactory.getLogger(NoticeService.class);



    /** Where a notice goes and why. */
    public record Addressee(String partner, String sender, String recipient, String correlationId, String purpose,
            String caseId) {
    }

    private final EnvelopeSigners signers;
    private final PartnerRegistry partners;
    private final MessageRepository messages;
    private final JmsTemplate jms;
    private final Clock clock;
    private final ClusterJobs jobs;

    public NoticeService(EnvelopeSigners gatewaySigners, PartnerRegistry partners, MessageRepository messages,
            JmsTemplate jms, Clock clock, ClusterJobs jobs) {
        this.jobs = jobs;
        this.signers = gatewaySigners;
        this.partners = partners;
        this.messages = messages;
        this.jms = jms;
        this.clock = clock;
    }

    /** Whether the partner takes this type of notice (its descriptor's {@code messageTypes}). */
    public boolean accepts(String partnerId, MessageType type) {
        return partners.find(partnerId).map(p -> p.descriptor().messageTypes().contains(type)).orElse(false);
    }

    /**
     * Signs (with the gateway key of the partner's crypto profile) and stores a notice, queued once the
     * surrounding transaction (if any) commits. The partner must take the type ({@link #accepts}).
     *
     * @param verificationId the verification the notice belongs to (shown in its history), or null
     */
    public MessageRecord send(MessageType type, Addressee to, JsonNode payload, String verificationId) {
        PartnerRegistry.Partner partner = partners.get(to.partner());
        if (!partner.descriptor().messageTypes().contains(type)) {
            throw new PartnerConfigException("partner " + partner.id() + " does not take " + type);
        }
        Instant now = clock.instant();
        EnvelopeHeader header = new EnvelopeHeader(UUID.randomUUID().toString(), to.correlationId(), type,
                to.sender(), to.recipient(), now, EnvelopeHeader.SCHEMA_VERSION, null, to.purpose(), to.caseId());
        Envelope envelope = signers.forProfile(partner.descriptor().crypto().profile()).sign(header, payload);
        MessageRecord record = new MessageRecord(envelope.messageId(), verificationId, Direction.OUT, type.name(),
                to.partner(), to.sender(), to.recipient(), envelope.text(), envelope.signedDigest(), null,
                MessageStatus.PENDING, 0, null, now, now);
        messages.insert(record);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    enqueue(record.messageId());
                }
            });
        } else {
            enqueue(record.messageId());
        }
        log.info("Notice {} {} to {} via {}", type, record.messageId(), to.recipient(), to.partner());
        return record;
    }

    /** Queues a stored notice; a failure is left to the sweep. */
    public void enqueue(String messageId) {
        try {
            jms.convertAndSend(Exchanges.NOTICE_QUEUE, messageId);
            messages.markEnqueued(messageId);
        } catch (JmsException | org.springframework.dao.DataAccessException e) {
            log.warn("Notice {} stored but not yet queued ({}); the sweep will queue it", messageId, e.getMessage());
        }
    }

    /** Queues stored notices not yet queued (route core-schedule-notice-outbox), on one node at a time. */
    public void sweep() {
        jobs.once("notice-outbox-sweep", this::sweepHere);
    }

    private void sweepHere() {
        List<String> stranded = messages.findNotEnqueuedNotices(clock.instant().minusSeconds(5), 500);
        if (!stranded.isEmpty()) {
            log.info("Notice sweep queues {} stored notice(s)", stranded.size());
            stranded.forEach(this::enqueue);
        }
    }
}
