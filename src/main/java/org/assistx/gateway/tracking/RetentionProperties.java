package org.assistx.gateway.tracking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The periods and batch bounds of {@link Retention} ({@code assistx.retention.*}; why these defaults:
 * docs/ops-runbook.md "Retention"). How often it runs ({@code interval}, {@code initial-delay}) is the
 * scheduler route's, {@code core-schedule-retention}.
 */
@ConfigurationProperties("assistx.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("P1826D") Duration verifications, @DefaultValue("P366D") Duration refusals,
        @DefaultValue("P1826D") Duration audit, @DefaultValue("500") int batchSize,
        @DefaultValue("20") int maxBatches) {
}
