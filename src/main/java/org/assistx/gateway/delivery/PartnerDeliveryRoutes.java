package org.assistx.gateway.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.ClusterStateRepository;
import org.assistx.gateway.tracking.PartnerSuspensionRepository;
import org.assistx.gateway.tracking.PartnerSuspensionRepository.Suspension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One delivery route per partner ({@code core-delivery-<partner>}, from the route template
 * {@code core-partner-delivery}), made when the gateway starts and kept in step with the partner set on
 * every reload. A partner's route consumes {@code assistx.delivery.<partner>} while, and only while,
 *
 * <ul>
 *   <li>no operator suspended the partner ({@link #suspend}; kept in {@code partner_suspension}, so it
 *       outlives a restart), and</li>
 *   <li>the partner's circuit breaker is not open ({@link PartnerBreakers}).</li>
 * </ul>
 *
 * Otherwise its messages wait on the queue: nothing is lost and the partner is not called. When the breaker
 * half-opens the route takes messages again and the breaker's trial calls decide. Starting and stopping
 * consumers happens on one background thread, never on a thread of the route itself.
 */
@Component
public class PartnerDeliveryRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PartnerDeliveryRoutes.class);

    /** The route template in {@code routes/core/core-partner-delivery.camel.yaml}. */
    public static final String TEMPLATE = "core-partner-delivery";
    /** A partner's delivery route is this prefix and the partner id. */
    public static final String ROUTE_PREFIX = "core-delivery-";

    /** Whether a partner's route takes messages, and why (not). */
    public enum Flow {
        /** taking messages */
        FLOWING,
        /** the breaker is open: messages wait for the partner */
        WAITING_FOR_PARTNER,
        /** an operator suspended the partner */
        SUSPENDED,
        /** no delivery route (the route template is not loaded) */
        NO_ROUTE
    }

    /** A partner's delivery as operations see it. */
    public record State(String partnerId, String routeId, String routeStatus, Flow flow, String circuitBreaker,
            float failureRate, int bufferedCalls, int failedCalls, long notPermittedCalls, Suspension suspension) {
    }

    private final CamelContext camel;
    private final PartnerRegistry partners;
    private final PartnerBreakers breakers;
    private final PartnerSuspensionRepository suspensions;
    private final ClusterStateRepository cluster;
    private final Clock clock;
    /** Partners whose breaker this node opened because another node's had (not to be announced again). */
    private final Set<String> openedForTheCluster = ConcurrentHashMap.newKeySet();
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "assistx-partner-routes");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean started;

    public PartnerDeliveryRoutes(CamelContext camel, PartnerRegistry partners, PartnerBreakers breakers,
            PartnerSuspensionRepository suspensions, ClusterStateRepository cluster, Clock clock) {
        this.camel = camel;
        this.partners = partners;
        this.breakers = breakers;
        this.suspensions = suspensions;
        this.cluster = cluster;
        this.clock = clock;
        partners.onLoad(() -> {
            if (started) {
                sync();
            }
        });
    }

    public static String routeId(String partnerId) {
        return ROUTE_PREFIX + partnerId;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // the template is loaded with the other routes; the partner routes are made once Camel runs
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        started = true;
        sync();
    }

    /** Makes, remakes (breaker settings changed) or removes partner routes to match the partner set. */
    public synchronized void sync() {
        if (camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteTemplateDefinition(TEMPLATE) == null) {
            log.warn("Route template {} is not loaded: partners get no delivery routes", TEMPLATE);
            return;
        }
        Set<String> wanted = new HashSet<>();
        for (PartnerRegistry.Partner p : partners.all()) {
            wanted.add(p.id());
            PartnerDescriptor d = p.descriptor();
            boolean exists = camel.getRoute(routeId(d.id())) != null;
            if (exists && breakers.current(d)) {
                continue;
            }
            if (exists) {
                remove(d.id());
            }
            add(d);
        }
        for (Route route : List.copyOf(camel.getRoutes())) {
            String id = route.getRouteId();
            String partnerId = id.startsWith(ROUTE_PREFIX) ? id.substring(ROUTE_PREFIX.length()) : null;
            if (partnerId != null && !wanted.contains(partnerId)) {
                remove(partnerId);
                breakers.remove(partnerId);
            }
        }
        wanted.forEach(this::apply);
    }

    private void add(PartnerDescriptor d) {
        CircuitBreaker breaker = breakers.create(d, (partnerId, state) -> control.execute(() -> {
            tellTheCluster(partnerId, state);
            apply(partnerId);
        }));
        String beanName = "partnerBreaker-" + d.id();
        camel.getRegistry().bind(beanName, CircuitBreaker.class, breaker);
        try {
            TemplatedRouteBuilder.builder(camel, TEMPLATE)
                    .routeId(routeId(d.id()))
                    .parameter("partnerId", d.id())
                    .parameter("breaker", beanName)
                    .add();
            log.info("Delivery route {} consumes {}", routeId(d.id()), PartnerDelivery.queue(d.id()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("delivery route for partner " + d.id() + " cannot be made", e);
        }
    }

    private void remove(String partnerId) {
        String id = routeId(partnerId);
        try {
            camel.getRouteController().stopRoute(id, 30, TimeUnit.SECONDS);
            camel.removeRoute(id);
            log.info("Delivery route {} removed; messages left on {} wait for it", id, PartnerDelivery.queue(partnerId));
        } catch (Exception e) {
            log.warn("Delivery route {} could not be removed: {}", id, e.getMessage());
        }
    }

    /**
     * A breaker that opened here holds the partner back on every node until its wait is over; one that closed
     * here (its trial calls went through) lets the others try again when their own wait ends.
     */
    private void tellTheCluster(String partnerId, CircuitBreaker.State state) {
        try {
            if (state == CircuitBreaker.State.OPEN && !openedForTheCluster.remove(partnerId)) {
                long waitMillis = breakers.find(partnerId)
                        .map(b -> b.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1))
                        .orElse(60_000L);
                Instant now = clock.instant();
                cluster.breakerOpened(partnerId, now, now.plusMillis(waitMillis), ClusterStateRepository.THIS_NODE);
            } else if (state == CircuitBreaker.State.CLOSED) {
                cluster.breakerClosed(partnerId);
            }
        } catch (RuntimeException e) {
            log.warn("Breaker state of partner {} not shared with the other nodes ({}): {}", partnerId, state,
                    e.getMessage());
        }
    }

    /**
     * Brings this node in line with the others (every {@code assistx.cluster.sync-interval}, by
     * {@link ClusterSync}): a partner an operator suspended on any node takes no messages here either, and a
     * partner whose breaker another node opened is held back here until that breaker's wait is over.
     */
    public void reconcile() {
        Set<String> suspended = suspensions.suspendedPartners();
        Map<String, Instant> openElsewhere = cluster.openBreakers(clock.instant());
        for (PartnerRegistry.Partner p : partners.all()) {
            String partnerId = p.id();
            if (openElsewhere.containsKey(partnerId)) {
                breakers.find(partnerId).filter(b -> b.getState() == CircuitBreaker.State.CLOSED).ifPresent(b -> {
                    log.warn("Circuit breaker of partner {} opened by another node; this node holds back too",
                            partnerId);
                    openedForTheCluster.add(partnerId);
                    b.transitionToOpenState();
                });
            }
            apply(partnerId, suspended.contains(partnerId));
        }
    }

    /** Starts or stops the partner's consumer to match its suspension and breaker state. */
    void apply(String partnerId) {
        apply(partnerId, suspension(partnerId).isPresent());
    }

    private synchronized void apply(String partnerId, boolean suspended) {
        String id = routeId(partnerId);
        if (camel.getRoute(id) == null) {
            return;
        }
        Flow current = flow(suspended, breakers.find(partnerId));
        boolean flow = current == Flow.FLOWING;
        ServiceStatus status = camel.getRouteController().getRouteStatus(id);
        try {
            if (flow && status == ServiceStatus.Suspended) {
                camel.getRouteController().resumeRoute(id);
                log.info("Delivery route {} takes messages again", id);
            } else if (flow && status == ServiceStatus.Stopped) {
                camel.getRouteController().startRoute(id);
            } else if (!flow && status == ServiceStatus.Started) {
                camel.getRouteController().suspendRoute(id, 30, TimeUnit.SECONDS);
                log.info("Delivery route {} takes no messages: {}", id, current);
            }
        } catch (Exception e) {
            log.warn("Delivery route {} could not be switched ({}): {}", id, flow ? "on" : "off", e.getMessage());
        }
    }

    /** Whether a partner with a delivery route takes messages: not suspended, and its breaker not open. */
    private static Flow flow(boolean suspended, Optional<CircuitBreaker> breaker) {
        if (suspended) {
            return Flow.SUSPENDED;
        }
        CircuitBreaker.State s = breaker.map(CircuitBreaker::getState).orElse(CircuitBreaker.State.CLOSED);
        return s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.FORCED_OPEN ? Flow.WAITING_FOR_PARTNER
                : Flow.FLOWING;
    }

    /** An operator stops delivery to a partner; its messages wait on its queue until {@link #resume}. */
    public State suspend(String partnerId, String operator, String reason) {
        Instant now = clock.instant();
        suspensions.suspend(partnerId, operator, reason, now);
        apply(partnerId);
        return state(partnerId);
    }

    /**
     * An operator lets delivery to a partner go on. The breaker is closed too: the operator says the partner
     * works again, so its waiting messages are sent now rather than after the breaker's wait.
     */
    public State resume(String partnerId) {
        suspensions.resume(partnerId);
        cluster.breakerClosed(partnerId);
        breakers.find(partnerId).ifPresent(b -> {
            if (b.getState() != CircuitBreaker.State.CLOSED) {
                b.transitionToClosedState();
            }
        });
        apply(partnerId);
        return state(partnerId);
    }

    public Optional<Suspension> suspension(String partnerId) {
        return suspensions.find(partnerId);
    }

    public State state(String partnerId) {
        String id = routeId(partnerId);
        Route route = camel.getRoute(id);
        Optional<CircuitBreaker> breaker = breakers.find(partnerId);
        Optional<Suspension> suspension = suspension(partnerId);
        Flow flow = route == null ? Flow.NO_ROUTE : flow(suspension.isPresent(), breaker);
        CircuitBreaker.Metrics m = breaker.map(CircuitBreaker::getMetrics).orElse(null);
        return new State(partnerId, id, route == null ? null : String.valueOf(camel.getRouteController().getRouteStatus(id)),
                flow, breaker.map(b -> b.getState().name()).orElse("NOT_CONFIGURED"),
                m == null ? -1 : m.getFailureRate(), m == null ? 0 : m.getNumberOfBufferedCalls(),
                m == null ? 0 : m.getNumberOfFailedCalls(), m == null ? 0 : m.getNumberOfNotPermittedCalls(),
                suspension.orElse(null));
    }

    @PreDestroy
    void close() {
        control.shutdownNow();
    }
}
