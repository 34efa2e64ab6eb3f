package org.assistx.gateway.delivery;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assistx.gateway.Code;
import org.assistx.gateway.crypto.CryptoProperties;
import org.assistx.gateway.delivery.PartnerTransportConfiguration.PartnerConnections;
import org.assistx.gateway.envelope.SignedMessage;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.ClusterJobs;
import org.assistx.gateway.tracking.InboundRefusals;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Replies on a JMS partner's reply queue that nobody waits for any more: a second answer to a request already
 * answered (the partner answered twice), or an answer that came after the gateway stopped waiting (the call
 * timed out and was retried or given up). Each call of {@link JmsTransport} takes from the shared reply
 * queue only the answer with its own correlation id, so these would stay there for ever.
 *
 * <p>Every {@code assistx.delivery.late-reply-sweep-interval} the replies older than the partner's response
 * timeout plus the allowed clock skew are taken off the queue, recorded as inbound refusals —
 * {@code DUPLICATE_REPLY} when a message with the same id was already received, {@code LATE_REPLY} otherwise —
 * listed by {@code GET /api/v1/ops/refusals}, and ignored: they never change a verification.
 */
@Component
public class LateReplies {

    private static final Logger log = LoggerFactory.getLogger(LateReplies.class);
    static final int BATCH = 500;
    static final long RECEIVE_TIMEOUT_MS = 250;

    private final PartnerRegistry partners;
    private final PartnerMessages partnerMessages;
    private final MessageRepository messages;
    private final InboundRefusals refusals;
    private final Duration clockSkew;
    private final Clock clock;
    private final JmsTemplate jms;
    private final ClusterJobs jobs;

    public LateReplies(PartnerRegistry partners, PartnerMessages partnerMessages, MessageRepository messages,
            InboundRefusals refusals, CryptoProperties crypto, Clock clock, PartnerConnections connections,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.partners = partners;
        this.partnerMessages = partnerMessages;
        this.messages = messages;
        this.refusals = refusals;
        this.clockSkew = crypto.clockSkew();
        this.clock = clock;
        this.jms = new JmsTemplate(connections.factory());
        // a fresh consumer needs a moment before the broker hands it what waits; an empty queue costs this once
        this.jms.setReceiveTimeout(RECEIVE_TIMEOUT_MS);
    }

    public void scheduled() {
        jobs.once("late-reply-sweep", () -> sweep(clock.instant()));
    }

    /** Takes and records the replies that nobody can be waiting for at {@code now}; returns how many. */
    public int sweep(Instant now) {
        int taken = 0;
        for (PartnerRegistry.Partner p : partners.all()) {
            PartnerDescriptor d = p.descriptor();
            if (d.transport() != PartnerDescriptor.Transport.JMS_XML || d.replyTo() == null) {
                continue;
            }
            long cutoff = now.minus(d.timeouts().response()).minus(clockSkew).toEpochMilli();
            try {
                for (int i = 0; i < BATCH; i++) {
                    Message m = jms.receiveSelected(d.replyTo(), "JMSTimestamp < " + cutoff);
                    if (m == null) {
                        break;
                    }
                    record(p, m);
                    taken++;
                }
            } catch (JmsException e) {
                log.warn("Reply queue {} of partner {} not swept: {}", d.replyTo(), d.id(), e.getMessage());
            }
        }
        return taken;
    }

    private void record(PartnerRegistry.Partner partner, Message m) {
        String text = null;
        try {
            text = m instanceof TextMessage t ? t.getText() : null;
        } catch (JMSException e) {
            log.debug("Reply on {} has no readable text: {}", partner.descriptor().replyTo(), e.getMessage());
        }
        Optional<SignedMessage> reply = Optional.empty();
        try {
            reply = Optional.of(partnerMessages.readReply(partner, text));
        } catch (RuntimeException e) {
            log.debug("Late reply of {} cannot be read: {}", partner.id(), e.getMessage());
        }
        String messageId = reply.map(SignedMessage::messageId).orElse(null);
        Optional<MessageRecord> seen = messageId == null ? Optional.empty() : messages.find(messageId);
        String code = seen.isPresent() ? Code.DUPLICATE_REPLY.name() : Code.LATE_REPLY.name();
        String inReplyTo = reply.map(r -> r.header().correlationId()).orElse(null);
        refusals.record(new InboundRefusals.Entry(InboundRefusals.Channel.PARTNER_REPLY,
                reply.map(r -> r.header().sender()).orElse(partner.descriptor().organisation()), partner.id(), code,
                messageId, seen.map(MessageRecord::verificationId).orElse(null), null,
                (seen.isPresent() ? "answer " + messageId + " was received before; this copy is ignored"
                        : "reply " + (messageId == null ? "(unreadable)" : messageId) + " (correlation "
                                + correlation(m) + ") came when no request waited for it; ignored")
                        + (inReplyTo == null ? "" : "; correlationId " + inReplyTo)));
    }

    private static String correlation(Message m) {
        try {
            return m.getJMSCorrelationID();
        } catch (JMSException e) {
            return null;
        }
    }
}
