package org.assistx.gateway.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery settings ({@code assistx.delivery}): consumers, redelivery, the circuit breaker in front of each
 * partner, the outbox sweep, and {@code staleAfter}: how long a verification waiting for its answer may see
 * no activity at all before the sweep puts it back into delivery. A partner's own {@code retry} and {@code circuitBreaker} (its descriptor) win
 * over these defaults.
 */
@Validated
@ConfigurationProperties("assistx.delivery")
public record DeliveryProperties(
        @Positive int consumers,
        @Valid @NotNull Redelivery redelivery,
        @Valid @NotNull CircuitBreaker circuitBreaker,
        @NotNull Duration outboxSweepInterval,
        @NotNull Duration staleAfter,
        @Valid @DefaultValue HandOver handOver) {

    /**
     * The hand-over of a stored verification to the broker, after its {@code 202}: {@code threads} send in
     * the background, at most {@code capacity} ids wait for them; beyond that the outbox sweep queues them.
     */
    public record HandOver(@DefaultValue("2") @Positive int threads, @DefaultValue("10000") @Positive int capacity) {
    }

    /** Exponential backoff with jitter between attempts at one partner, for at most {@code maximumAge}. */
    public record Redelivery(
            @PositiveOrZero int maximumRedeliveries,
            @NotNull Duration initialDelay,
            @Positive double multiplier,
            @NotNull Duration maximumDelay,
            @NotNull Duration maximumAge) {
    }

    /** The breaker in front of a partner (Resilience4j's settings by their names). */
    public record CircuitBreaker(
            @Min(1) @Max(100) int failureRateThreshold,
            @Positive int slidingWindowSize,
            @Positive int minimumNumberOfCalls,
            @NotNull Duration waitDurationInOpenState,
            @Positive int permittedCallsInHalfOpenState) {
    }
}
