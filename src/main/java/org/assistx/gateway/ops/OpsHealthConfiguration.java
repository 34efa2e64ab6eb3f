package org.assistx.gateway.ops;

import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.assistx.gateway.Code;
import org.assistx.gateway.delivery.BrokerSettingsCheck;
import org.assistx.gateway.delivery.Exchanges;
import org.assistx.gateway.delivery.QueueDepths;
import org.assistx.gateway.tracking.StoreProbe;
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
 * Actuator health: {@code db} (the store answers), {@code broker} (the broker answers, the address settings
 * the gateway relies on are in force — {@link BrokerSettingsCheck} —, queue depths of dispatch and dead letters)
 * and {@code partners} (one entry per partner, see {@link PartnerHealth}). Readiness includes {@code db} and
 * {@code broker}, each bounded in time and cached ({@link TimeBoundedHealth}, {@link HealthProperties}), so it
 * answers within a second even with the store or broker hanging; liveness includes neither. A partner that is
 * down never makes the gateway unready or restarts it: it shows here and in the console, and messages for it
 * wait and retry.
 */
@Configuration(proxyBeanMethods = false)
public class OpsHealthConfiguration {

    /** A partner that works but fails deliveries (Actuator answers 200 for it). */
    public static final Status DEGRADED = new Status("DEGRADED");

    /** The threads the {@code db} and {@code broker} checks run on (one check at a time each). */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService healthCheckExecutor() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "assistx-health-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Replaces Boot's {@code db} indicator (same name) with one bounded in time. */
    @Bean
    HealthIndicator dbHealthIndicator(StoreProbe store, HealthProperties properties, ExecutorService healthCheckExecutor,
            Clock clock) {
        return new TimeBoundedHealth(store::check, properties.timeout(), properties.cache(), healthCheckExecutor, clock);
    }

    @Bean
    HealthIndicator brokerHealthIndicator(JmsTemplate jms, QueueDepths depths, BrokerSettingsCheck settings,
            HealthProperties properties, ExecutorService healthCheckExecutor, Clock clock) {
        return new TimeBoundedHealth(() -> {
            try {
                jms.browse(Exchanges.DISPATCH_QUEUE, (session, browser) -> Boolean.TRUE);
                BrokerSettingsCheck.Result check = settings.current();
                if (!check.passed()) {
                    return Health.down().withDetail("code", (check.reachable() ? Code.BROKER_SETTINGS_MISSING : Code.BROKER_UNAVAILABLE).name())
                            .withDetail("error", check.reachable() ? check.message() : String.join("; ", check.problems()))
                            .build();
                }
                return Health.up()
                        .withDetail("dispatchQueue", Exchanges.DISPATCH_QUEUE)
                        .withDetail("dispatchDepth", depths.depth(Exchanges.DISPATCH_QUEUE))
                        .withDetail("deadLetterQueue", DeadLetters.QUEUE)
                        .withDetail("deadLetterDepth", depths.depth(DeadLetters.QUEUE))
                        .build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", OpsEvents.summarise(e)).build();
            }
        }, properties.timeout(), properties.cache(), healthCheckExecutor, clock);
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
