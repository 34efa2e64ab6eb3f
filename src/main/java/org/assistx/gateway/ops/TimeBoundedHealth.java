package org.assistx.gateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health indicator that answers within {@code timeout} whatever its check does: the check runs on its own
 * thread, one at a time; an answer not there in time is {@code DOWN} with the reason, and the check goes on
 * in the background so that its result serves the next question. A result is reused for {@code ttl}, so a
 * probe every second asks the store or broker at most once per {@code ttl}. A store or broker that hangs
 * (a connection pool waiting 30 s, a broker connection retrying) thus never holds up readiness.
 */
final class TimeBoundedHealth implements HealthIndicator {

    private record Cached(Health health, Instant at) {
    }

    private final HealthIndicator check;
    private final Duration timeout;
    private final Duration ttl;
    private final Executor executor;
    private final Clock clock;
    private final AtomicReference<Cached> last = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Health>> running = new AtomicReference<>();

    TimeBoundedHealth(HealthIndicator check, Duration timeout, Duration ttl, Executor executor, Clock clock) {
        this.check = check;
        this.timeout = timeout;
        this.ttl = ttl;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Cached cached = last.get();
        if (cached != null && cached.at().plus(ttl).isAfter(clock.instant())) {
            return cached.health();
        }
        CompletableFuture<Health> future = running.updateAndGet(f -> f != null && !f.isDone() ? f
                : CompletableFuture.supplyAsync(this::run, executor));
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("error", OpsEvents.summarise(e.getCause())).build();
        }
    }

    private Health run() {
        Health health;
        try {
            health = check.health();
        } catch (RuntimeException e) {
            health = Health.down().withDetail("error", OpsEvents.summarise(e)).build();
        }
        last.set(new Cached(health, clock.instant()));
        return health;
    }
}
