package org.assistx.gateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.ClusterJobs;
import org.assistx.gateway.tracking.VerificationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The outbox between the store and the broker. A verification is committed to the database first; then
 * its id is sent (persistent) to the dispatch queue and the row marked enqueued. That send is made after the
 * township has its {@code 202}, by the hand-over's background senders, so a broker that is slow, down or
 * failing over never holds up a submission. If the process dies or the broker is down in between, or the
 * hand-over is full, the sweep finds the unmarked rows and sends them again. A second send of the same id is
 * harmless: the pipeline skips final verifications and reuses an already signed request.
 */
@Component
public class DispatchQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DispatchQueue.class);

    private final JmsTemplate jms;
    private final VerificationRepository verifications;
    private final PartnerRegistry partners;
    private final PartnerDeliveryRoutes routes;
    private final QueueDepths depths;
    private final Duration staleAfter;
    private final Clock clock;
    private final ThreadPoolTaskExecutor handOver;
    private final ClusterJobs jobs;

    public DispatchQueue(JmsTemplate jms, VerificationRepository verifications, PartnerRegistry partners,
            PartnerDeliveryRoutes routes, QueueDepths depths, DeliveryProperties properties, ClusterJobs jobs, Clock clock) {
        this.jms = jms;
        this.verifications = verifications;
        this.partners = partners;
        this.routes = routes;
        this.depths = depths;
        this.staleAfter = properties.staleAfter();
        this.clock = clock;
        this.jobs = jobs;
        this.handOver = new ThreadPoolTaskExecutor();
        handOver.setThreadNamePrefix("dispatch-hand-over-");
        handOver.setCorePoolSize(properties.handOver().threads());
        handOver.setMaxPoolSize(properties.handOver().threads());
        handOver.setQueueCapacity(properties.handOver().capacity());
        // ids not yet sent when the process stops are still unmarked rows: the sweep of the next start sends them
        handOver.setWaitForTasksToCompleteOnShutdown(false);
        handOver.initialize();
    }

    /**
     * Hands a stored (committed) verification to the broker in the background and returns at once; when the
     * hand-over is full the sweep queues it. Never throws, never waits for the broker.
     */
    public void enqueue(String verificationId) {
        try {
            handOver.execute(() -> send(verificationId));
        } catch (TaskRejectedException full) {
            log.debug("Hand-over full; the outbox sweep will queue verification {}", verificationId);
        }
    }

    @Override
    public void destroy() {
        handOver.shutdown();
    }

    /** Queues a stored verification now; a failure is logged and left to the sweep, never thrown. */
    boolean send(String verificationId) {
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
     * once (row lock), the partner answers a message id once, and an answer is recorded once. Runs on one node
     * at a time across the cluster ({@link ClusterJobs}).
     */
    public void sweep() {
        jobs.once("outbox-sweep", this::sweepHere);
    }

    private void sweepHere() {
        List<String> stranded = verifications.findNotEnqueued(clock.instant().minusSeconds(5), 500);
        if (!stranded.isEmpty()) {
            log.info("Outbox sweep queues {} stored verification(s)", stranded.size());
            stranded.forEach(this::send);
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
