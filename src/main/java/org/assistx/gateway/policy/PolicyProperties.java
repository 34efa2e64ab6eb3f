package org.assistx.gateway.policy;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Policy settings of one deployment ({@code assistx.policy}): effective date (R5) and served area. */
@Validated
@ConfigurationProperties("assistx.policy")
public record PolicyProperties(
        @NotNull LocalDate effectiveDate,
        @NotNull @Pattern(regexp = "\\d{2}|\\d{4}|\\d{6}") String servedAreaPrefix,
        @Positive int emergencyBackfillDays) {
}
