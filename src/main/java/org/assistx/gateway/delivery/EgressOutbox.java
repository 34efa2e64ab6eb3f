package org.assistx.gateway.delivery;

import org.apache.camel.Exchange;

/**
 * A kind of signed JSON the gateway POSTs to a receiver outside (a township's callback, the operators'
 * alert webhook), through the route {@code core-egress-<kind>} made from the template
 * {@code routes/core/core-egress.camel.yaml}: {@link #sign}, then camel-http POSTs the body to
 * {@link #URL} (no redirect followed, no header of ours but the content type), then {@link #record}; if
 * anything fails on the way, the shared egress error handling ({@code shared-egress-errors}) calls
 * {@link #failed}. The row that says the message must be sent stays in the database until {@link #record}
 * saw a 2xx, so a message is retried on a later round, across restarts, and never lost.
 */
public interface EgressOutbox {

    /** Exchange property: where the body goes. */
    String URL = "assistxEgressUrl";
    /** Exchange property: the bean (an {@code EgressOutbox}) the route works for. */
    String OUTBOX = "assistxEgressOutbox";
    /** Exchange property, set by {@link #record}: true when the receiver answered 2xx. */
    String DELIVERED = "assistxEgressDelivered";

    /**
     * Validates the destination once more and sets the body to the signed JSON and {@link #URL}; throws when
     * the message may not go there now (then {@link #failed} is called).
     */
    void sign(Exchange exchange) throws Exception;

    /** Records the receiver's answer, {@link Exchange#HTTP_RESPONSE_CODE}: delivered on 2xx, else to retry. */
    void record(Exchange exchange);

    /** Records an attempt that got no answer ({@link Exchange#EXCEPTION_CAUGHT}): tried again later. */
    void failed(Exchange exchange);

    /** The receiver's status code, or 0 when there is none. */
    static int status(Exchange exchange) {
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return code == null ? 0 : code;
    }

    /** What went wrong, for the log and the row: the exception's simple name and message. */
    static String problem(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (e == null) {
            return "no answer";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
