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
