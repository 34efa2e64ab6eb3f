package org.assistx.gateway.delivery;

import org.apache.camel.Exchange;

/**
 * What a partner's delivery route does with one message, by the kind of message: a verification
 * ({@link VerificationPipeline}: sign the request, send it, verify, map and record the answer) or a one-way
 * notice ({@link NoticePipeline}: load the signed notice, send it, mark it delivered). The route
 * ({@code core-partner-delivery}) calls the steps through {@link PartnerDelivery}, which picks the pipeline
 * once from the message's kind.
 */
public interface DeliveryPipeline {

    /** The kind of message this pipeline delivers. */
    PartnerDelivery.Kind kind();

    /** Loads or signs the message to send, or marks the exchange to skip (nothing left to deliver). */
    void sign(Exchange exchange);

    /** Inside the partner's breaker, just before the transport call. */
    void dispatch(Exchange exchange);

    /** After the transport returned: verify, map and record the answer, or record the delivery. */
    void record(Exchange exchange);
}
