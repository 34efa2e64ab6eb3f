package org.assistx.gateway.ops;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assistx.gateway.Code;
import org.assistx.gateway.delivery.DeliveryFailures;
import org.assistx.gateway.delivery.Exchanges;
import org.assistx.gateway.delivery.PartnerDelivery;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.assistx.gateway.tracking.VerificationStatus;
import org.assistx.gateway.tracking.MessageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dead letters on {@code assistx.dlq}: listed by browsing (nothing is taken off the queue), replayed or
 * discarded by an operator. A dead letter's id is its JMS message id.
 *
 * <p>Replay, in one JMS transaction: take the dead letter off the queue and put the verification id back on
 * {@code assistx.core.verifications}; before that commit, the verification goes from UNDETERMINED back to
 * ACCEPTED and its failed request message back to PENDING, so the pipeline sends the same signed message
 * again. If the JMS commit fails after the database commit, the outbox sweep queues the verification (its
 * {@code enqueued_at} is cleared) and the dead letter stays listed; replaying it again is harmless.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    public static final String QUEUE = Exchanges.DEAD_LETTER_QUEUE;
    /** Artemis names the queue a message came from when the broker itself dead-letters it. */
    static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    private static final Pattern ID = Pattern.compile("ID:[A-Za-z0-9:_\\-]{1,120}");
    private static final int LIST_CAP = 1000;

    /**
     * One parked delivery.
     *
     * @param kind       {@code VERIFICATION} (a verification's request) or {@code NOTICE} (a one-way notice)
     * @param noticeId   the notice's message id, for a {@code NOTICE}
     * @param reason     the delivery's last error, or the broker's reason when it gave up by itself
     * @param reasonCode the stable code at the start of the reason
     */
    public record DeadLetter(String id, String kind, String verificationId, String noticeId, String partner,
            String reason, String reasonCode, Instant parkedAt, String originalQueue) {
    }

    /** What a replay did. */
    public record Replayed(String deadLetterId, String verificationId, String previousStatus, boolean reset) {
    }

    private final JmsTemplate jms;
    private final JmsTemplate transacted;
    private final VerificationRepository verifications;
    private final MessageRepository messages;
    private final TransactionTemplate tx;

    public DeadLetters(JmsTemplate jms, ConnectionFactory connectionFactory, VerificationRepository verifications,
            MessageRepository messages, TransactionTemplate tx) {
        this.jms = jms;
        this.transacted = new JmsTemplate(connectionFactory);
        this.transacted.setSessionTransacted(true);
        this.verifications = verifications;
        this.messages = messages;
        this.tx = tx;
    }

    /** The oldest first, at most {@code limit}. */
    public List<DeadLetter> list(int limit) {
        return browse(null, Math.max(1, Math.min(limit, LIST_CAP)));
    }

    public List<DeadLetter> forVerification(String verificationId) {
        return browse(Exchanges.VERIFICATION_ID + " = '" + verificationId.replace("'", "''") + "'", LIST_CAP);
    }

    /**
     * The dead letters of a partner parked at or after {@code from} and before {@code to}, oldest first, at most
     * {@code limit} (a selector on the broker: the partner property and the time the letter was parked).
     */
    public List<DeadLetter> matching(String partner, Instant from, Instant to, int limit) {
        return browse(Exchanges.PARTNER_ID + " = '" + partner.replace("'", "''") + "' AND JMSTimestamp >= "
                + from.toEpochMilli() + " AND JMSTimestamp < " + to.toEpochMilli(), Math.max(1, limit));
    }

    public Optional<DeadLetter> find(String id) {
        requireId(id);
        return browse("JMSMessageID = '" + id + "'", 1).stream().findFirst();
    }

    private List<DeadLetter> browse(String selector, int limit) {
        try {
            org.springframework.jms.core.BrowserCallback<List<DeadLetter>> collect = (session, browser) -> {
                List<DeadLetter> list = new ArrayList<>();
                Enumeration<?> e = browser.getEnumeration();
                while (e.hasMoreElements() && list.size() < limit) {
                    list.add(describe((Message) e.nextElement()));
                }
                return list;
            };
            List<DeadLetter> found = selector == null ? jms.browse(QUEUE, collect)
                    : jms.browseSelected(QUEUE, selector, collect);
            return found == null ? List.of() : found;
        } catch (JmsException e) {
            throw brokerUnavailable(e);
        }
    }

    static DeadLetter describe(Message m) throws JMSException {
        String kind = PartnerDelivery.Kind.NOTICE.name().equals(m.getStringProperty(Exchanges.KIND))
                ? PartnerDelivery.Kind.NOTICE.name() : PartnerDelivery.Kind.VERIFICATION.name();
        String text = m instanceof TextMessage t ? t.getText() : null;
        String verificationId = blankToNull(m.getStringProperty(Exchanges.VERIFICATION_ID));
        String noticeId = null;
        if (kind.equals(PartnerDelivery.Kind.NOTICE.name())) {
            noticeId = text;
        } else if (verificationId == null) {
            verificationId = text;
        }
        String reason = m.getStringProperty(DeliveryFailures.REASON);
        String original = m.propertyExists(ORIGINAL_QUEUE) ? String.valueOf(m.getObjectProperty(ORIGINAL_QUEUE)) : null;
        if (reason == null || reason.isBlank()) {
            reason = Code.BROKER_GAVE_UP + ": the broker dead-lettered the message after its maximum delivery attempts";
        }
        return new DeadLetter(m.getJMSMessageID(), kind, verificationId, noticeId,
                blankToNull(m.getStringProperty(Exchanges.PARTNER_ID)), reason, OpsEvents.reasonCode(reason),
                m.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(m.getJMSTimestamp()) : null, original);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Puts the verification back into delivery with its same signed request; refuses a verification already answered. */
    public Replayed replay(String id) {
        DeadLetter dead = find(id).orElseThrow(() -> OpsException.notFound("deadLetterId", "该死信"));
        if (dead.noticeId() != null) {
            return replayNotice(dead);
        }
        VerificationRecord v = verifications.find(dead.verificationId()).orElseThrow(() -> new OpsException(
                HttpStatus.CONFLICT, Code.UNKNOWN_VERIFICATION, "deadLetterId",
                "死信所指的核查不存在，只能丢弃。 / The dead letter names no known verification; discard it."));
        if (v.status().isFinal() && v.status() != VerificationStatus.UNDETERMINED) {
            throw new OpsException(HttpStatus.CONFLICT, Code.ALREADY_FINAL, "deadLetterId",
                    "该核查已有结果（" + v.status() + "），无需重发，请丢弃该死信。 / The verification already ended ("
                            + v.status() + "); discard the dead letter instead.");
        }
        boolean[] reset = {false};
        inJmsTransaction(session -> {
            take(session, id);
            reset[0] = Boolean.TRUE.equals(tx.execute(status -> {
                boolean r = verifications.resetForReplay(v.verificationId());
                messages.resetFailedRequests(v.verificationId());
                return r;
            }));
            send(session, Exchanges.DISPATCH_QUEUE, v.verificationId());
        });
        verifications.markEnqueued(v.verificationId());
        log.info("Dead letter {} replayed: verification {} ({}) is back in delivery", id, v.verificationId(), v.status());
        return new Replayed(id, v.verificationId(), v.status().name(), reset[0]);
    }

    /** A failed notice: back to PENDING in the same JMS transaction that takes the dead letter and queues it. */
    private Replayed replayNotice(DeadLetter dead) {
        MessageRecord notice = messages.find(dead.noticeId()).orElseThrow(() -> new OpsException(HttpStatus.CONFLICT,
                Code.UNKNOWN_MESSAGE, "deadLetterId",
                "死信所指的通知不存在，只能丢弃。 / The dead letter names no known notice; discard it."));
        if (notice.status() == MessageRecord.MessageStatus.DELIVERED) {
            throw new OpsException(HttpStatus.CONFLICT, Code.ALREADY_FINAL, "deadLetterId",
                    "该通知已送达，无需重发，请丢弃该死信。 / The notice was delivered; discard the dead letter instead.");
        }
        boolean[] reset = {false};
        inJmsTransaction(session -> {
            take(session, dead.id());
            reset[0] = messages.resetFailedNotice(notice.messageId());
            send(session, Exchanges.NOTICE_QUEUE, notice.messageId());
        });
        messages.markEnqueued(notice.messageId());
        log.info("Dead letter {} replayed: notice {} is back in delivery", dead.id(), notice.messageId());
        return new Replayed(dead.id(), notice.verificationId(), notice.status().name(), reset[0]);
    }

    /** Takes the dead letter off the queue for good; the verification stays as it is (UNDETERMINED). */
    public DeadLetter discard(String id) {
        DeadLetter dead = find(id).orElseThrow(() -> OpsException.notFound("deadLetterId", "该死信"));
        inJmsTransaction(session -> take(session, id));
        log.info("Dead letter {} ({} {}) discarded", id, dead.kind(),
                dead.noticeId() != null ? dead.noticeId() : dead.verificationId());
        return dead;
    }

    /** Work on the broker that is committed together, or not at all. */
    private interface JmsWork {
        void run(Session session) throws JMSException;
    }

    private void inJmsTransaction(JmsWork work) {
        try {
            transacted.execute(session -> {
                try {
                    work.run(session);
                    session.commit();
                    return null;
                } catch (JMSException | RuntimeException e) {
                    session.rollback();
                    throw e;
                }
            }, true);
        } catch (JmsException e) {
            throw brokerUnavailable(e);
        }
    }

    private static void send(Session session, String queue, String text) throws JMSException {
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        try {
            producer.send(session.createTextMessage(text));
        } finally {
            producer.close();
        }
    }

    private static void take(Session session, String id) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE), "JMSMessageID = '" + id + "'");
        try {
            if (consumer.receive(3000) == null) {
                throw new OpsException(HttpStatus.CONFLICT, Code.DEAD_LETTER_GONE, "deadLetterId",
                        "该死信已被他人处理。 / Someone else already took this dead letter.");
            }
        } finally {
            consumer.close();
        }
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new OpsException(HttpStatus.BAD_REQUEST, Code.INVALID_FIELD, "deadLetterId",
                    "死信编号格式不对。 / Not a dead-letter id (ID:...).");
        }
    }

    private static OpsException brokerUnavailable(JmsException e) {
        return new OpsException(HttpStatus.SERVICE_UNAVAILABLE, Code.BROKER_UNAVAILABLE.name(), null,
                "消息中间件暂不可用，请稍后再试。 / The broker is not reachable; try again shortly.", e);
    }
}
