package org.assistx.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailureHandledEvent;
import org.apache.camel.spi.CamelEvent.ExchangeRedeliveryEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.delivery.DeliveryFailures;
import org.assistx.gateway.delivery.Exchanges;
import org.assistx.gateway.delivery.PartnerDelivery;
import org.assistx.gateway.delivery.PartnerDeliveryRoutes;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.springframework.stereotype.Component;

/**
 * Listens to Camel's exchange events (no route or pipeline code changes) and turns them into what operators
 * watch: the Prometheus meters of DESIGN §8 and the last failure of each route and partner.
 *
 * <ul>
 *   <li>{@code assistx_verifications_total{jurisdiction,outcome}}: a verification reached its outcome through
 *       delivery (ANSWERED with NOT_RECEIVING/RECEIVING, or UNDETERMINED)</li>
 *   <li>{@code assistx_partner_latency_seconds{partner,transport,result}}: histogram of one call of a
 *       partner through its transport route ({@code direct:core-transport-*})</li>
 *   <li>{@code assistx_delivery_retries_total{partner}}: redeliveries by the error handler</li>
 *   <li>{@code assistx_dead_letters_total{partner,reason}}: deliveries given up and parked on the DLQ</li>
 * </ul>
 */
@Component
public class OpsEvents extends EventNotifierSupport {

    static final String TRANSPORT_PREFIX = "core-transport-";
    static final String DEAD_LETTER_ROUTE = "shared-dead-letter";

    /** A failure, said in one line: when, where and why (never a stack trace). */
    public record Failure(Instant at, String exchangeId, String reason) {
    }

    /** The last call of a partner that worked and the last that did not. */
    public record PartnerCalls(Instant lastSuccess, Duration lastSuccessTook, Failure lastFailure) {
    }

    private final MeterRegistry meters;
    private final VerificationRepository verifications;
    private final Clock clock;
    private final Map<String, Failure> routeFailures = new ConcurrentHashMap<>();
    private final Map<String, PartnerCalls> partnerCalls = new ConcurrentHashMap<>();

    public OpsEvents(MeterRegistry meters, VerificationRepository verifications, Clock clock) {
        this.meters = meters;
        this.verifications = verifications;
        this.clock = clock;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSentEvent || event instanceof ExchangeRedeliveryEvent
                || event instanceof ExchangeFailedEvent || event instanceof ExchangeFailureHandledEvent
                || event instanceof ExchangeCompletedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeSentEvent sent) {
            sent(sent);
        } else if (event instanceof ExchangeRedeliveryEvent redelivery) {
            counter("assistx.delivery.retries", "Redeliveries of a message to a partner",
                    "partner", partnerOf(redelivery.getExchange())).increment();
        } else if (event instanceof ExchangeFailureHandledEvent || event instanceof ExchangeFailedEvent) {
            routeFailure(((ExchangeEvent) event).getExchange());
        } else if (event instanceof ExchangeCompletedEvent completed) {
            completed(completed.getExchange());
        }
    }

    private void sent(ExchangeSentEvent sent) {
        String route = directName(sent.getEndpoint().getEndpointUri());
        Exchange exchange = sent.getExchange();
        if (route == null) {
            return;
        }
        if (route.startsWith(TRANSPORT_PREFIX)) {
            String partner = partnerOf(exchange);
            boolean ok = exchange.getException() == null;
            Timer.builder("assistx.partner.latency").description("One call of a partner, request to verified-ready reply")
                    .tags("partner", partner, "transport", route.substring(TRANSPORT_PREFIX.length()),
                            "result", ok ? "ok" : "error")
                    .publishPercentileHistogram().register(meters)
                    .record(Duration.ofMillis(sent.getTimeTaken()));
            Instant now = clock.instant();
            partnerCalls.compute(partner, (k, before) -> {
                PartnerCalls b = before == null ? new PartnerCalls(null, null, null) : before;
                return ok ? new PartnerCalls(now, Duration.ofMillis(sent.getTimeTaken()), b.lastFailure())
                        : new PartnerCalls(b.lastSuccess(), b.lastSuccessTook(),
                                new Failure(now, exchange.getExchangeId(), summarise(exchange.getException())));
            });
        } else if (route.equals(DEAD_LETTER_ROUTE)) {
            String reason = exchange.getProperty(DeliveryFailures.REASON, String.class);
            counter("assistx.dead.letters", "Deliveries given up and parked on the dead-letter queue",
                    "partner", partnerOf(exchange), "reason", reasonCode(reason)).increment();
        }
    }

    private void routeFailure(Exchange exchange) {
        Throwable cause = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        Failure failure = new Failure(clock.instant(), exchange.getExchangeId(), summarise(cause));
        String failedIn = exchange.getProperty(ExchangePropertyKey.FAILURE_ROUTE_ID, String.class);
        if (failedIn != null) {
            routeFailures.put(failedIn, failure);
        }
        if (exchange.getFromRouteId() != null) {
            routeFailures.put(exchange.getFromRouteId(), failure);
        }
    }

    private void completed(Exchange exchange) {
        if (exchange.getFromRouteId() == null || !exchange.getFromRouteId().startsWith(PartnerDeliveryRoutes.ROUTE_PREFIX)
                || PartnerDelivery.Kind.NOTICE.name().equals(exchange.getProperty(Exchanges.KIND, String.class))
                || Boolean.TRUE.equals(exchange.getProperty(Exchanges.SKIP, Boolean.class))) {
            return;
        }
        String id = exchange.getProperty(Exchanges.VERIFICATION_ID, String.class);
        if (id == null) {
            return;
        }
        Optional<VerificationRecord> v = verifications.find(id);
        if (v.isPresent() && v.get().status().isFinal() && v.get().outcome() != null) {
            counter("assistx.verifications", "Verifications that reached an outcome through delivery",
                    "jurisdiction", v.get().jurisdiction(), "outcome", v.get().outcome()).increment();
        }
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(meters);
    }

    public Optional<Failure> lastFailure(String routeId) {
        return Optional.ofNullable(routeFailures.get(routeId));
    }

    public Optional<PartnerCalls> partnerCalls(String partnerId) {
        return Optional.ofNullable(partnerCalls.get(partnerId));
    }

    private static String partnerOf(Exchange exchange) {
        String partner = exchange.getProperty(Exchanges.PARTNER_ID, String.class);
        return partner == null ? "none" : partner;
    }

    /** {@code direct://name} or {@code direct:name} to {@code name}; other endpoints to null. */
    static String directName(String uri) {
        if (uri == null) {
            return null;
        }
        String rest = uri.startsWith("direct://") ? uri.substring(9) : uri.startsWith("direct:") ? uri.substring(7) : null;
        if (rest == null) {
            return null;
        }
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    /** {@code TRANSPORT_FAILED: ConnectException: ...} to {@code TRANSPORT_FAILED}; a bounded label. */
    static String reasonCode(String reason) {
        if (reason == null || reason.isBlank()) {
            return "UNKNOWN";
        }
        int colon = reason.indexOf(':');
        String code = colon < 0 ? reason : reason.substring(0, colon);
        return code.matches("[A-Z][A-Z0-9_]{0,40}") ? code : "OTHER";
    }

    /** One line about a failure: the stable code, or the root cause's class and message. */
    static String summarise(Throwable e) {
        if (e == null) {
            return "UNKNOWN";
        }
        if (e instanceof GatewayException g) {
            return g.code() + ": " + g.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
