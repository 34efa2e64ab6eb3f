package org.assistx.gateway.delivery;

/**
 * Names of the exchange properties and queues the routes share. Internal state travels in exchange
 * properties, never in headers that could leak to a partner.
 */
public final class Exchanges {

    private Exchanges() {
    }

    /** Queue of verification ids waiting for dispatch (the transactional outbox feeds it). */
    public static final String DISPATCH_QUEUE = "assistx.core.verifications";
    /** Queue of notice message ids waiting for dispatch. */
    public static final String NOTICE_QUEUE = "assistx.core.notices";
    /** A partner's own delivery queue is this prefix and the partner id. */
    public static final String PARTNER_QUEUE_PREFIX = "assistx.delivery.";
    /** Dead letters: deliveries given up, with the reason, for an operator. */
    public static final String DEAD_LETTER_QUEUE = "assistx.dlq";
    /** JMS ingress: verification requests from townships. */
    public static final String INGRESS_QUEUE = "assistx.ingress.verifications";
    /** The federation's exchange endpoint over the broker: one signed envelope per text message. */
    public static final String EXCHANGE_QUEUE = "assistx.ingress.exchange";
    /** JMS ingress answers go to {@code JMSReplyTo}, or to this prefix and the township's code. */
    public static final String EGRESS_QUEUE_PREFIX = "assistx.egress.";

    /** The delivery queue of a partner. */
    public static String partnerQueue(String partnerId) {
        return PARTNER_QUEUE_PREFIX + partnerId;
    }

    public static final String VERIFICATION_ID = "assistxVerificationId";
    public static final String PARTNER_ID = "assistxPartnerId";
    public static final String TRANSPORT = "assistxTransport";
    public static final String ENDPOINT = "assistxEndpoint";
    public static final String REQUEST_MESSAGE_ID = "assistxRequestMessageId";
    /** When the message being delivered was queued ({@link java.time.Instant}): its age counts from then. */
    public static final String QUEUED_AT = "assistxQueuedAt";
    /** Why delivery gave up when that is not the last exception itself (e.g. maximum age reached). */
    public static final String GIVE_UP_REASON = "assistxGiveUpReason";
    /** What is delivered: {@code VERIFICATION} (a verification id) or {@code NOTICE} (a notice's message id). */
    public static final String KIND = "assistxKind";
    /** Set when the verification needs no delivery (already final): the route stops. */
    public static final String SKIP = "assistxSkip";
}
