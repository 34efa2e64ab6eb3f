package org.assistx.gateway.delivery;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.cxf.binding.soap.SoapFault;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.config.DeliveryProperties;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whether a failed delivery is tried again, and when: the error handler of
 * {@code routes/_shared/shared-delivery-errors.camel.yaml} asks it ({@code retryWhileRef}) after each
 * failed attempt.
 *
 * <p><b>Retried</b>: anything that may get better by itself: connection errors, timeouts, SOAP Server
 * faults, HTTP 5xx, broker and database faults. <b>Not retried</b>: a refusal that would only repeat: a
 * {@link GatewayException} anywhere in the cause chain (bad signature or certificate, wrong requestHash,
 * an answer that cannot be read or mapped), a SOAP Client (SOAP 1.2: Sender) fault, an HTTP 4xx.
 *
 * <p>How often and how long: the partner descriptor's {@code retry} (else the deployment's
 * {@code assistx.delivery.redelivery}): up to {@code maximumRedeliveries} retries, the n-th after
 * {@code initialDelay × multiplier^(n-1)}, at most {@code maximumDelay}, with ±15 % jitter so that many
 * messages to one partner do not come back at the same moment. The delay goes to Camel's error handler in
 * its {@code CamelRedeliveryDelay} header, which never reaches a partner (Camel headers are filtered and
 * each attempt starts again from the original message).
 */
@Component("deliveryRetries")
public class DeliveryRetries implements Predicate {

    static final double JITTER = 0.15;
    private static final Logger log = LoggerFactory.getLogger(DeliveryRetries.class);

    private final PartnerRegistry partners;
    private final DeliveryProperties properties;

    public DeliveryRetries(PartnerRegistry partners, DeliveryProperties properties) {
        this.partners = partners;
        this.properties = properties;
    }

    /** Whether a failure with this cause may succeed when tried again. */
    public static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GatewayException) {
                return false;
            }
            if (t instanceof SoapFault fault && fault.getFaultCode() != null
                    && (fault.getFaultCode().getLocalPart().equalsIgnoreCase("Client")
                    || fault.getFaultCode().getLocalPart().equals("Sender"))) {
                return false;
            }
            if (t instanceof HttpOperationFailedException http && http.getStatusCode() >= 400
                    && http.getStatusCode() < 500) {
                return false;
            }
        }
        return true;
    }

    /** The retry settings of a partner: its descriptor's, else the deployment's. */
    public PartnerDescriptor.Retry settings(String partnerId) {
        PartnerDescriptor.Retry own = partnerId == null ? null
                : partners.find(partnerId).map(p -> p.descriptor().retry()).orElse(null);
        if (own != null) {
            return own;
        }
        DeliveryProperties.Redelivery d = properties.redelivery();
        return new PartnerDescriptor.Retry(d.maximumRedeliveries(), d.initialDelay(), d.multiplier(), d.maximumDelay());
    }

    /** The wait before retry number {@code retry} (1 = the first retry), without jitter. */
    static long delayMillis(PartnerDescriptor.Retry r, int retry) {
        double delay = r.initialDelay().toMillis() * Math.pow(Math.max(1.0, r.multiplier()), Math.max(0, retry - 1));
        return (long) Math.min(delay, r.maximumDelay().toMillis());
    }

    static long withJitter(long millis) {
        if (millis <= 0) {
            return 0;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
        return Math.max(0, Math.round(millis * factor));
    }

    @Override
    public boolean matches(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (!retryable(failure)) {
            return false;
        }
        int failed = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        String partnerId = exchange.getProperty(Exchanges.PARTNER_ID, String.class);
        PartnerDescriptor.Retry r = settings(partnerId);
        if (failed > r.maximumRedeliveries()) {
            log.debug("No retry left for {} after {} retries", partnerId, r.maximumRedeliveries());
            return false;
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, withJitter(delayMillis(r, failed)));
        return true;
    }
}
