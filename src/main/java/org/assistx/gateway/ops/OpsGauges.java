package org.assistx.gateway.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.delivery.Exchanges;
import org.assistx.gateway.delivery.PartnerDelivery;
import org.assistx.gateway.delivery.QueueDepths;
import org.assistx.gateway.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the store and the broker on a schedule (a scrape never waits for a query):
 * {@code assistx_verifications_overdue}, {@code assistx_dead_letters_queued} and
 * {@code assistx_queue_depth{queue}} of the dispatch queue and of each partner's delivery queue. A growing overdue count is also logged as a
 * warning, for sites that alert on logs rather than on metrics.
 *
 * <p>What the console's partner table shows, for alert rules and dashboards: {@code assistx_partner_state{partner,state}}
 * (1 for the partner's current {@link PartnerHealth.Health}, 0 for the others), {@code assistx_partner_breaker_open{partner}}
 * (1 while its circuit breaker is open), {@code assistx_partner_last_success_timestamp_seconds{partner}} and
 * {@code assistx_certificate_days_left{role,owner,subject}} for the gateway's signing certificate and each
 * partner's trust anchors and signing certificate (computed at each scrape, negative once expired). A partner or
 * certificate gone after a reload loses its series. {@code assistx_ready} is 1 while the readiness group
 * ({@code /actuator/health/readiness}) would answer 200, 0 while it answers 503 (store or broker down).
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
    private final PartnerHealth health;
    private final SigningIdentity gatewayIdentity;
    private final OpsProperties ops;
    private final Clock clock;
    private final ObjectProvider<HealthEndpoint> healthEndpoint;
    /** The gauges that follow the partners and certificates present, by name and tags. */
    private final Map<String, Dynamic> dynamic = new ConcurrentHashMap<>();

    private record Dynamic(Gauge gauge, AtomicLong value) {
    }

    public OpsGauges(Deadlines deadlines, QueueDepths depths, MeterRegistry meters, PartnerRegistry partners,
            PartnerHealth health, SigningIdentity gatewayIdentity, OpsProperties ops, Clock clock,
            ObjectProvider<HealthEndpoint> healthEndpoint) {
        this.healthEndpoint = healthEndpoint;
        this.deadlines = deadlines;
        this.depths = depths;
        this.meters = meters;
        this.partners = partners;
        this.health = health;
        this.gatewayIdentity = gatewayIdentity;
        this.ops = ops;
        this.clock = clock;
        Gauge.builder("assistx.verifications.overdue", overdue, AtomicLong::get)
                .description("Verifications still waiting for an answer past their business deadline").register(meters);
        Gauge.builder("assistx.dead.letters.queued", deadLetters, AtomicLong::get)
                .description("Dead letters waiting for an operator on " + DeadLetters.QUEUE).register(meters);
        Gauge.builder("assistx.queue.depth", dispatch, AtomicLong::get).tag("queue", Exchanges.DISPATCH_QUEUE)
                .description("Messages waiting on a gateway queue").register(meters);
    }

    public void refresh() {
        refreshReadiness();
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
            refreshPartners();
        } catch (RuntimeException e) {
            log.warn("Operations gauges not refreshed: {}", OpsEvents.summarise(e));
        }
    }

    private static final String READY = "assistx.ready";

    /** First and on its own: with the database down, the store's gauges below cannot be read, but this one must. */
    private void refreshReadiness() {
        try {
            HealthEndpoint endpoint = healthEndpoint.getIfAvailable();
            HealthComponent readiness = endpoint == null ? null : endpoint.healthForPath("readiness");
            if (readiness == null) {
                return;
            }
            Status status = readiness.getStatus();
            set(new HashSet<>(), READY, Tags.empty(), null, "1 while /actuator/health/readiness answers 200, else 0",
                    Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status) ? 0 : 1);
        } catch (RuntimeException e) {
            log.warn("Readiness gauge not refreshed: {}", OpsEvents.summarise(e));
        }
    }

    private void refreshPartners() {
        Set<String> seen = new HashSet<>();
        Instant now = clock.instant();
        seen.add(key(READY, Tags.empty()));
        certificate(seen, CertificateStatus.of("GATEWAY_SIGNER", gatewayIdentity.organisation(),
                gatewayIdentity.certificate(), now, ops.certificateWarning()));
        for (PartnerHealth.PartnerView p : health.all()) {
            Tags partner = Tags.of("partner", p.id());
            for (PartnerHealth.Health state : PartnerHealth.Health.values()) {
                set(seen, "assistx.partner.state", partner.and("state", state.name()), null,
                        "1 for the partner's current health (UP, DEGRADED, DOWN, SUSPENDED, UNKNOWN)",
                        p.health() == state ? 1 : 0);
            }
            set(seen, "assistx.partner.breaker.open", partner, null, "1 while the partner's circuit breaker is open",
                    "OPEN".equals(p.circuitBreaker()) || "FORCED_OPEN".equals(p.circuitBreaker()) ? 1 : 0);
            if (p.lastSuccess() != null) {
                set(seen, "assistx.partner.last.success.timestamp", partner, "seconds",
                        "When the partner last answered successfully (Unix time)", p.lastSuccess().getEpochSecond());
            }
            p.certificates().forEach(c -> certificate(seen, c));
        }
        dynamic.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            meters.remove(e.getValue().gauge());
            return true;
        });
    }

    /** Days left, computed at each scrape from the certificate's end of validity (held as epoch seconds). */
    private void certificate(Set<String> seen, CertificateStatus c) {
        Tags tags = Tags.of("role", c.role(), "owner", String.valueOf(c.owner()), "subject", c.subject());
        String key = key("assistx.certificate.days.left", tags);
        seen.add(key);
        dynamic.computeIfAbsent(key, k -> {
            AtomicLong notAfter = new AtomicLong();
            Gauge gauge = Gauge.builder("assistx.certificate.days.left", notAfter,
                            n -> (n.get() - clock.instant().getEpochSecond()) / 86_400.0)
                    .tags(tags).description("Days until the certificate expires (negative once expired)")
                    .register(meters);
            return new Dynamic(gauge, notAfter);
        }).value().set(c.notAfter().getEpochSecond());
    }

    private void set(Set<String> seen, String name, Tags tags, String unit, String description, long value) {
        String key = key(name, tags);
        seen.add(key);
        dynamic.computeIfAbsent(key, k -> {
            AtomicLong holder = new AtomicLong();
            Gauge gauge = Gauge.builder(name, holder, AtomicLong::get).tags(tags).baseUnit(unit)
                    .description(description).register(meters);
            return new Dynamic(gauge, holder);
        }).value().set(value);
    }

    private static String key(String name, Tags tags) {
        return name + tags;
    }
}
