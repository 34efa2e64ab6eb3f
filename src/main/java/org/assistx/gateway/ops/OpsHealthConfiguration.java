package org.assistx.gateway.ops;

import java.util.Iterator;
import java.util.List;
import org.assistx.gateway.delivery.Exchanges;
import org.assistx.gateway.delivery.QueueDepths;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;

/**
 * Actuator health beyond Spring Boot's own {@code db}: {@code broker} (the broker answers; queue depths of
 * dispatch and dead letters) and {@code partners} (one entry per partner, see {@link PartnerHealth}).
 * Readiness includes {@code db} and {@code broker}; a partner that is down never makes the gateway unready
 * or restarts it: it shows here and in the console, and messages for it wait and retry.
 */
@Configuration(proxyBeanMethods = false)
public class OpsHealthConfiguration {

    /** A partner that works but fails deliveries (Actuator answers 200 for it). */
    public static final Status DEGRADED = new Status("DEGRADED");

    @Bean
    HealthIndicator brokerHealthIndicator(JmsTemplate jms, QueueDepths depths) {
        return () -> {
            try {
                jms.browse(Exchanges.DISPATCH_QUEUE, (session, browser) -> Boolean.TRUE);
                return Health.up()
                        .withDetail("dispatchQueue", Exchanges.DISPATCH_QUEUE)
                        .withDetail("dispatchDepth", depths.depth(Exchanges.DISPATCH_QUEUE))
                        .withDetail("deadLetterQueue", DeadLetters.QUEUE)
                        .withDetail("deadLetterDepth", depths.depth(DeadLetters.QUEUE))
                        .build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", OpsEvents.summarise(e)).build();
            }
        };
    }

    @Bean
    CompositeHealthContributor partnersHealthContributor(PartnerHealth partners) {
        return new CompositeHealthContributor() {
            @Override
            public HealthContributor getContributor(String name) {
                return partners.ids().contains(name) ? indicator(partners, name) : null;
            }

            @Override
            public Iterator<NamedContributor<HealthContributor>> iterator() {
                List<NamedContributor<HealthContributor>> all = partners.ids().stream()
                        .map(id -> NamedContributor.of(id, (HealthContributor) indicator(partners, id))).toList();
                return all.iterator();
            }
        };
    }

    private static HealthIndicator indicator(PartnerHealth partners, String id) {
        return () -> partners.one(id).map(p -> {
            Health.Builder b = switch (p.health()) {
                case UP -> Health.up();
                case DEGRADED -> Health.status(DEGRADED);
                case DOWN -> Health.down();
                case SUSPENDED -> Health.outOfService();
                case UNKNOWN -> Health.unknown();
            };
            b.withDetail("transport", p.transport()).withDetail("reason", p.healthReason())
                    .withDetail("circuitBreaker", p.circuitBreaker()).withDetail("queued", p.queued())
                    .withDetail("reachability", p.reachability().name()).withDetail("pending", p.pending())
                    .withDetail("failedRecent", p.failedRecent());
            if (p.lastSuccess() != null) {
                b.withDetail("lastSuccess", p.lastSuccess().toString());
            }
            if (p.lastFailure() != null) {
                b.withDetail("lastFailure", p.lastFailure().toString());
            }
            return b.build();
        }).orElseGet(() -> Health.unknown().build());
    }
}
