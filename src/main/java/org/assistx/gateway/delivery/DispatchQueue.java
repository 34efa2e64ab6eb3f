package org.assistx.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.VerificationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The outbox between the store and the broker. A verification is committed to the database first; then
 * its id is sent (persistent) to the dispatch queue and the row marked enqueued. If the process dies or the
 * broker is down in between, the sweep finds the unmarked rows and sends them again. A second send of the
 * same id is harmless: the pipeline skips final verifications and reuses an already signed request.
 */
@Component
public class DispatchQueue {

    private static final Logger log = LoggerFactory.getLogger(DispatchQueue.class);

    private final JmsTemplate jms;
    private final VerificationRepository verifications;
    private final PartnerRegistry partners;
    private final PartnerDeliveryRoutes routes;
    private final QueueDepths depths;
    private final Duration staleAfter;
    private final Clock clock;

    public DispatchQueue(JmsTemplate jms, VerificationRepository verifications, PartnerRegistry partners,
            PartnerDeliveryRoutes routes, QueueDepths depths, DeliveryProperties properties, Clock clock) {
        this.jms = jms;
        this.verifications = verifications;
        this.partners = partners;
        this.routes = routes;
        this.depths = depths;
        this.staleAfter = properties.staleAfter();
        this.clock = clock;
    }

    /** Queues a stored verification; a failure is logged and left to the sweep, never thrown. */
    public boolean enqueue(String verificationId) {
        try {
            jms.convertAndSend(Exchanges.DISPATCH_QUEUE, verificationId);
            verifications.markEnqueued(verificationId);
            return true;
        } catch (JmsException | org.springframework.dao.DataAccessException e) {
            log.warn("Verification {} stored but not yet queued ({}); the outbox sweep will queue it",
                    verificationId, e.getMessage());
            return false;
        }
    }

    /**
     * Queues verifications that were stored but never reached the broker; and, as a last safety net, puts
     * back into delivery a verification still waiting for its answer in which nothing at all happened for
     * {@code assistx.delivery.stale-after}, when its partner takes messages and has none queued (so it is
     * neither waiting on that queue nor being retried). Sending it twice is harmless: the request is signed
     * once (row lock), the partner answers a message id once, and an answer is recorded once.
     */
    public void sweep() {
        List<String> stranded = verifications.findNotEnqueued(clock.instant().minusSeconds(5), 500);
        if (!stranded.isEmpty()) {
            log.info("Outbox sweep queues {} stored verification(s)", stranded.size());
            stranded.forEach(this::enqueue);
        }
        for (PartnerRegistry.Partner p : partners.all()) {
            try {
                requeueStale(p.id());
            } catch (JmsException | org.springframework.dao.DataAccessException e) {
                log.warn("Stale verifications of partner {} not swept ({}); the next sweep tries again", p.id(),
                        e.getMessage());
            }
        }
    }

    private void requeueStale(String partnerId) {
        if (routes.state(partnerId).flow() != PartnerDeliveryRoutes.Flow.FLOWING
                || depths.depth(PartnerDelivery.queue(partnerId)) != 0) {
            return;
        }
        for (String id : verifications.findStale(partnerId, clock.instant().minus(staleAfter), 200)) {
            log.warn("Verification {} saw no delivery activity for {}; the sweep puts it back into delivery to {}",
                    id, staleAfter, partnerId);
            verifications.touch(id);
            jms.convertAndSend(Exchanges.DISPATCH_QUEUE, id);
        }
    }
}
