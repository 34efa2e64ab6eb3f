package org.assistx.gateway.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code assistx.ops.health.*}: how long the {@code db} and {@code broker} health checks may take before they
 * count as {@code DOWN} ({@code timeout}, default 800 ms, so readiness answers within a second), and how long a
 * result is reused ({@code cache}, default 2 s).
 */
@ConfigurationProperties("assistx.ops.health")
public record HealthProperties(Duration timeout, Duration cache) {

    public HealthProperties {
        timeout = timeout == null ? Duration.ofMillis(800) : timeout;
        cache = cache == null ? Duration.ofSeconds(2) : cache;
    }
}
