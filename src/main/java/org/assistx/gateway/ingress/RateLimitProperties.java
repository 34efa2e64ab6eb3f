package org.assistx.gateway.ingress;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Per-client rate limit on the township endpoints ({@code assistx.rate-limit}): a token bucket per calling
 * organisation that holds {@code burst} requests and refills {@code requestsPerSecond}; 0 turns it off.
 */
@Validated
@ConfigurationProperties("assistx.rate-limit")
public record RateLimitProperties(@PositiveOrZero double requestsPerSecond, @Positive int burst) {
}
