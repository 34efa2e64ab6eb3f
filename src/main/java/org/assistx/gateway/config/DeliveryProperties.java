package org.assistx.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Delivery settings ({@code assistx.delivery}): consumers, redelivery, the outbox sweep. */
@Validated
@ConfigurationProperties("assistx.delivery")
public record DeliveryProperties(
        @Positive int consumers,
        @Valid @NotNull Redelivery redelivery,
        @NotNull Duration outboxSweepInterval) {

    /** Exponential backoff with jitter between attempts at one partner. */
    public record Redelivery(
            @PositiveOrZero int maximumRedeliveries,
            @NotNull Duration initialDelay,
            @Positive double multiplier,
            @NotNull Duration maximumDelay) {
    }
}
