package org.assistx.gateway.delivery;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per partner, built from the partner descriptor's {@code circuitBreaker}
 * (else the deployment's {@code assistx.delivery.circuit-breaker}). The partner's delivery route
 * ({@code core-delivery-<partner>}) calls the partner inside Camel's {@code circuitBreaker} EIP with this
 * instance, so each partner has its own failure rate and state.
 *
 * <p>Only failures that say the partner is not working count (those {@link DeliveryRetries#retryable} would
 * retry: connection errors, timeouts, SOAP server faults, HTTP 5xx). A refusal of one message (bad signature,
 * unmappable answer, HTTP 4xx) says nothing about the partner's health and is not recorded. An open breaker
 * moves to half-open by itself after {@code waitDurationInOpenState}, and a state change is reported to the
 * listener, which stops or restarts the partner's consumer ({@link PartnerDeliveryRoutes}).
 */
@Component
public class PartnerBreakers {

    private static final Logger log = LoggerFactory.getLogger(PartnerBreakers.class);

    private final DeliveryProperties properties;
    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    /** What each breaker was built for: its settings and the partner's address (a new address starts afresh). */
    private record Basis(PartnerDescriptor.CircuitBreaker settings, PartnerDescriptor.Transport transport,
            String endpoint, PartnerDescriptor.Timeouts timeouts) {
        static Basis of(PartnerDescriptor partner, PartnerDescriptor.CircuitBreaker settings) {
            return new Basis(settings, partner.transport(), partner.endpoint(), partner.timeouts());
        }
    }

    private final Map<String, Basis> built = new ConcurrentHashMap<>();

    public PartnerBreakers(DeliveryProperties properties) {
        this.properties = properties;
    }

    /** The settings a partner's breaker uses: its descriptor's, else the deployment's. */
    public PartnerDescriptor.CircuitBreaker settings(PartnerDescriptor partner) {
        if (partner.circuitBreaker() != null) {
            return partner.circuitBreaker();
        }
        DeliveryProperties.CircuitBreaker d = properties.circuitBreaker();
        return new PartnerDescriptor.CircuitBreaker(d.failureRateThreshold(), d.slidingWindowSize(),
                d.minimumNumberOfCalls(), d.waitDurationInOpenState(), d.permittedCallsInHalfOpenState());
    }

    static CircuitBreakerConfig config(PartnerDescriptor.CircuitBreaker s) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(s.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(s.slidingWindowSize())
                .minimumNumberOfCalls(s.minimumNumberOfCalls())
                .waitDurationInOpenState(s.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(s.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(DeliveryRetries::retryable)
                .writableStackTraceEnabled(false)
                .build();
    }

    /**
     * A new breaker for the partner (replacing any earlier one, e.g. after a reload changed its settings).
     *
     * @param onTransition told (partner id, new state) after every state change
     */
    public CircuitBreaker create(PartnerDescriptor partner, BiConsumer<String, CircuitBreaker.State> onTransition) {
        PartnerDescriptor.CircuitBreaker s = settings(partner);
        registry.remove(partner.id());
        CircuitBreaker breaker = registry.circuitBreaker(partner.id(), config(s));
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                log.warn("Circuit breaker of partner {} opened ({}); its messages wait on {} until it is tried again "
                        + "in {}", partner.id(), event.getStateTransition(), PartnerDelivery.queue(partner.id()),
                        s.waitDurationInOpenState());
            } else {
                log.info("Circuit breaker of partner {}: {}", partner.id(), event.getStateTransition());
            }
            onTransition.accept(partner.id(), to);
        });
        built.put(partner.id(), Basis.of(partner, s));
        return breaker;
    }

    public Optional<CircuitBreaker> find(String partnerId) {
        return registry.find(partnerId);
    }

    /**
     * Whether the breaker in place still fits the partner as now declared: same breaker settings, transport,
     * endpoint and timeouts. A reload that changes any of them (say, a corrected address) starts a new breaker,
     * closed, so the partner is tried again at once.
     */
    public boolean current(PartnerDescriptor partner) {
        return registry.find(partner.id()).isPresent()
                && Basis.of(partner, settings(partner)).equals(built.get(partner.id()));
    }

    public void remove(String partnerId) {
        registry.remove(partnerId);
        built.remove(partnerId);
    }
}
