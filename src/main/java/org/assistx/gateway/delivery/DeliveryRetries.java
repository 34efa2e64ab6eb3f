package org.assistx.gateway.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.cxf.binding.soap.SoapFault;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.MessageRepository;
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
 * an answer that cannot be read or mapped), a SOAP Client (SOAP 1.2: Sender) fault, an HTTP 4xx. Nor a
 * call the partner's open circuit breaker did not let through ({@link CallNotPermittedException}): that
 * message goes back to wait on the partner's queue (route configuration {@code shared-delivery-errors}),
 * and the partner is not called at all.
 *
 * <p>How often and how long: the partner descriptor's {@code retry} (else the deployment's
 * {@code assistx.delivery.redelivery}): up to {@code maximumRedeliveries} retries, the n-th after
 * {@code initialDelay × multiplier^(n-1)}, at most {@code maximumDelay}, with ±15 % jitter so that many
 * messages to one partner do not come back at the same moment. The delay goes to Camel's error handler in
 * its {@code CamelRedeliveryDelay} header, which never reaches a partner (Camel headers are filtered and
 * each attempt starts again from the original message).
 *
 * <p>How long in all: {@code maximumAge} after the message was queued. A retry that would start later is not
 * made, and a message taken off its queue past that age (it waited behind an open breaker) is not sent; either
 * way delivery gives up with {@code MAX_AGE_EXCEEDED}.
 */
@Component("deliveryRetries")
public class DeliveryRetries implements Predicate {

    static final double JITTER = 0.15;
    /** The code of a delivery that ran out of time ({@code maximumAge}). */
    public static final String MAX_AGE_EXCEEDED = Code.MAX_AGE_EXCEEDED.name();
    private static final Logger log = LoggerFactory.getLogger(DeliveryRetries.class);

    private final PartnerRegistry partners;
    private final DeliveryProperties properties;
    private final MessageRepository messages;
    private final Clock clock;

    public DeliveryRetries(PartnerRegistry partners, DeliveryProperties properties, MessageRepository messages,
            Clock clock) {
        this.partners = partners;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
    }

    /** Whether a failure with this cause may succeed when tried again. */
    public static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GatewayException || t instanceof CallNotPermittedException) {
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

    /** The retry settings of a partner: its descriptor's, else the deployment's (also for a missing maximumAge). */
    public PartnerDescriptor.Retry settings(String partnerId) {
        PartnerDescriptor.Retry own = partnerId == null ? null
                : partners.find(partnerId).map(p -> p.descriptor().retry()).orElse(null);
        DeliveryProperties.Redelivery d = properties.redelivery();
        if (own != null) {
            return own.maximumAge() != null ? own : new PartnerDescriptor.Retry(own.maximumRedeliveries(),
                    own.initialDelay(), own.multiplier(), own.maximumDelay(), d.maximumAge());
        }
        return new PartnerDescriptor.Retry(d.maximumRedeliveries(), d.initialDelay(), d.multiplier(), d.maximumDelay(),
                d.maximumAge());
    }

    /**
     * Refuses to send a message that was queued longer than its partner's {@code maximumAge} ago.
     *
     * @param queuedAt when the message was (last) queued for delivery; null when unknown (no limit applies)
     */
    public void requireFresh(String partnerId, Instant queuedAt) {
        if (queuedAt == null) {
            return;
        }
        Duration maximumAge = settings(partnerId).maximumAge();
        if (queuedAt.plus(maximumAge).isBefore(clock.instant())) {
            throw new GatewayException(MAX_AGE_EXCEEDED, "partner " + partnerId + " was not reached within "
                    + maximumAge + " after the message was queued at " + queuedAt);
        }
    }

    /**
     * Refuses another call with a message whose retry budget is used up: the first call and
     * {@code maximumRedeliveries} retries, counted in the store ({@link MessageRepository#attemptsOfTheRound}),
     * so that a message taken again after a restart or a broker fail-over does not start counting afresh.
     */
    public void requireAttemptsLeft(String partnerId, String messageId) {
        if (messageId == null) {
            return;
        }
        int made = messages.attemptsOfTheRound(messageId);
        int allowed = settings(partnerId).maximumRedeliveries() + 1;
        if (made >= allowed) {
            throw new GatewayException(Code.ATTEMPTS_EXHAUSTED, "partner " + partnerId + " was called " + made
                    + " time(s) with message " + messageId + ", as many as its retry settings allow (" + allowed + ")");
        }
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
        String partnerId = exchange.getProperty(Exchanges.PARTNER_ID, String.class);
        // the calls made so far with this message, from the store (they survive restarts and fail-overs);
        // Camel's own counter only where no message was signed yet
        String messageId = exchange.getProperty(Exchanges.REQUEST_MESSAGE_ID, String.class);
        int failed = messageId != null ? Math.max(1, messages.attemptsOfTheRound(messageId))
                : exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        PartnerDescriptor.Retry r = settings(partnerId);
        if (failed > r.maximumRedeliveries()) {
            log.debug("No retry left for {} after {} retries", partnerId, r.maximumRedeliveries());
            return false;
        }
        long delay = withJitter(delayMillis(r, failed));
        Instant queuedAt = exchange.getProperty(Exchanges.QUEUED_AT, Instant.class);
        if (queuedAt != null && clock.instant().plusMillis(delay).isAfter(queuedAt.plus(r.maximumAge()))) {
            exchange.setProperty(Exchanges.GIVE_UP_REASON, MAX_AGE_EXCEEDED + ": partner " + partnerId
                    + " was not reached within " + r.maximumAge() + " after " + failed + " attempt(s); last error: "
                    + DeliveryFailures.describe(failure));
            return false;
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay);
        return true;
    }
}
