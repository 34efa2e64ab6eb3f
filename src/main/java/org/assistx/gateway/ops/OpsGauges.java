package org.assistx.gateway.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.assistx.gateway.delivery.Exchanges;
import org.assistx.gateway.delivery.PartnerDelivery;
import org.assistx.gateway.delivery.QueueDepths;
import org.assistx.gateway.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the store and the broker on a schedule (a scrape never waits for a query):
 * {@code assistx_verifications_overdue}, {@code assistx_dead_letters_queued} and
 * {@code assistx_queue_depth{queue}} of the dispatch queue and of each partner's delivery queue. A growing overdue count is also logged as a
 * warning, for sites that alert on logs rather than on metrics.
 */
@Component
public class OpsGauges {

    private static final Logger log = LoggerFactory.getLogger(OpsGauges.class);

    private final Deadlines deadlines;
    private final QueueDepths depths;
    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong dispatch = new AtomicLong();
    private final Map<String, AtomicLong> partnerQueues = new ConcurrentHashMap<>();
    private final PartnerRegistry partners;
    private final MeterRegistry meters;

    public OpsGauges(Deadlines deadlines, QueueDepths depths, MeterRegistry meters, PartnerRegistry partners) {
        this.deadlines = deadlines;
        this.depths = depths;
        this.meters = meters;
        this.partners = partners;
        Gauge.builder("assistx.verifications.overdue", overdue, AtomicLong::get)
                .description("Verifications still waiting for an answer past their business deadline").register(meters);
        Gauge.builder("assistx.dead.letters.queued", deadLetters, AtomicLong::get)
                .description("Dead letters waiting for an operator on " + DeadLetters.QUEUE).register(meters);
        Gauge.builder("assistx.queue.depth", dispatch, AtomicLong::get).tag("queue", Exchanges.DISPATCH_QUEUE)
                .description("Messages waiting on a gateway queue").register(meters);
    }

    public void refresh() {
        try {
            long before = overdue.getAndSet(deadlines.overdueCount());
            if (overdue.get() > before) {
                log.warn("OVERDUE: {} verification(s) are past their business deadline (was {}); see /console/#overdue",
                        overdue.get(), before);
            }
            deadLetters.set(depths.depth(DeadLetters.QUEUE));
            dispatch.set(depths.depth(Exchanges.DISPATCH_QUEUE));
            for (PartnerRegistry.Partner p : partners.all()) {
                String queue = PartnerDelivery.queue(p.id());
                partnerQueues.computeIfAbsent(queue, q -> {
                    AtomicLong depth = new AtomicLong();
                    Gauge.builder("assistx.queue.depth", depth, AtomicLong::get).tag("queue", q)
                            .description("Messages waiting on a gateway queue").register(meters);
                    return depth;
                }).set(depths.depth(queue));
            }
        } catch (RuntimeException e) {
            log.warn("Operations gauges not refreshed: {}", OpsEvents.summarise(e));
        }
    }
}
