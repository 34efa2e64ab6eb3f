package org.assistx.gateway.delivery;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of delivery in two stages.
 *
 * <ol>
 *   <li>{@code core-verification-dispatch} and {@code core-notice-dispatch} take what the outboxes queued and
 *       put it on the queue of the partner it goes to, {@code assistx.delivery.<partner>}
 *       ({@link #routeVerification}, {@link #routeNotice}).</li>
 *   <li>{@code core-delivery-<partner>} (one route per partner, from the template in
 *       {@code core-partner-delivery.camel.yaml}) signs or loads the message ({@link #sign}), calls the
 *       partner inside the partner's circuit breaker ({@link #dispatch}, then the transport route) and records
 *       the outcome ({@link #record}), each step with the {@link DeliveryPipeline} of the message's kind.</li>
 * </ol>
 *
 * A message the open breaker did not let through stays on the partner's queue ({@link #waitForPartner});
 * while the breaker stays open the partner's route takes nothing from the queue.
 */
@Component("partnerDelivery")
public class PartnerDelivery {

    private static final Logger log = LoggerFactory.getLogger(PartnerDelivery.class);

    /** What a delivery queue message carries in its body. */
    public enum Kind {
        /** a verification id: its request is sent and the answer recorded ({@link VerificationPipeline}) */
        VERIFICATION,
        /** a notice's message id: the one-way notice is sent ({@link NoticePipeline}) */
        NOTICE
    }

    private final PartnerRegistry partners;
    private final VerificationPipeline verificationPipeline;
    private final NoticePipeline noticePipeline;
    private final Map<Kind, DeliveryPipeline> pipelines = new EnumMap<>(Kind.class);
    private final DeliveryRetries retries;

    public PartnerDelivery(PartnerRegistry partners, VerificationPipeline verificationPipeline,
            NoticePipeline noticePipeline, DeliveryRetries retries) {
        this.partners = partners;
        this.verificationPipeline = verificationPipeline;
        this.noticePipeline = noticePipeline;
        for (DeliveryPipeline p : List.of(verificationPipeline, noticePipeline)) {
            pipelines.put(p.kind(), p);
        }
        this.retries = retries;
    }

    /** The queue a partner's messages wait on. */
    public static String queue(String partnerId) {
        return Exchanges.partnerQueue(partnerId);
    }

    /** Stage 1 for a verification id: which partner's queue it goes to (or skip it, it is final). */
    public void routeVerification(Exchange exchange) {
        exchange.setProperty(Exchanges.KIND, Kind.VERIFICATION.name());
        exchange.setProperty(Exchanges.VERIFICATION_ID, exchange.getMessage().getBody(String.class));
        verificationPipeline.stillToDeliver(exchange)
                .ifPresent(v -> toPartner(exchange, v.routePartner(), Kind.VERIFICATION));
    }

    /** Stage 1 for a notice's message id. */
    public void routeNotice(Exchange exchange) {
        exchange.setProperty(Exchanges.KIND, Kind.NOTICE.name());
        exchange.setProperty(Exchanges.REQUEST_MESSAGE_ID, exchange.getMessage().getBody(String.class));
        noticePipeline.stillToDeliver(exchange).ifPresent(n -> toPartner(exchange, n.partner(), Kind.NOTICE));
    }

    private void toPartner(Exchange exchange, String partnerId, Kind kind) {
        if (partnerId == null || partners.find(partnerId).isEmpty()) {
            throw new GatewayException(Code.PARTNER_UNKNOWN, "partner '" + partnerId
                    + "' is not configured (any more); reload the partners or discard the message");
        }
        exchange.setProperty(Exchanges.PARTNER_ID, partnerId);
        exchange.getMessage().setHeader(Exchanges.KIND, kind.name());
    }

    /** Stage 2, {@code sign}: loads (or signs) the message; refuses one past its maximum age or its attempts. */
    public void sign(Exchange exchange) {
        DeliveryPipeline pipeline = pipeline(exchange);
        exchange.setProperty(Exchanges.KIND, pipeline.kind().name());
        pipeline.sign(exchange);
        if (!Boolean.TRUE.equals(exchange.getProperty(Exchanges.SKIP, Boolean.class))) {
            String partnerId = exchange.getProperty(Exchanges.PARTNER_ID, String.class);
            retries.requireFresh(partnerId, exchange.getProperty(Exchanges.QUEUED_AT, Instant.class));
            retries.requireAttemptsLeft(partnerId, exchange.getProperty(Exchanges.REQUEST_MESSAGE_ID, String.class));
        }
    }

    /** Stage 2, {@code dispatch}: inside the breaker, just before the transport call. */
    public void dispatch(Exchange exchange) {
        pipeline(exchange).dispatch(exchange);
    }

    /** Stage 2, {@code record}: verify, map and record the partner's answer, or mark the notice delivered. */
    public void record(Exchange exchange) {
        pipeline(exchange).record(exchange);
    }

    /**
     * The partner's breaker is open: nothing was sent and nothing is counted. The JMS transaction in which the
     * message was taken is rolled back, so it never leaves the partner's queue; the broker offers it again
     * after its redelivery delay (address settings of {@code assistx.delivery.#}), and while the breaker stays
     * open the partner's route takes nothing at all.
     */
    public void waitForPartner(Exchange exchange) {
        exchange.setRollbackOnly(true);
        log.debug("{} {} waits on the queue of partner {} (circuit breaker open)", kind(exchange).name(),
                exchange.getMessage().getBody(String.class), exchange.getProperty(Exchanges.PARTNER_ID));
    }

    private DeliveryPipeline pipeline(Exchange exchange) {
        return pipelines.get(kind(exchange));
    }

    private static Kind kind(Exchange exchange) {
        String kind = exchange.getProperty(Exchanges.KIND, String.class);
        if (kind == null) {
            kind = exchange.getMessage().getHeader(Exchanges.KIND, String.class);
        }
        return Kind.NOTICE.name().equals(kind) ? Kind.NOTICE : Kind.VERIFICATION;
    }
}
