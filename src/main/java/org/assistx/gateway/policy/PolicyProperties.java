package org.assistx.gateway.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Policy settings of one deployment ({@code assistx.policy}): effective date (R5), served area, the time to
 * complete an emergency file (R4), the proofs of R8, the county-defined emergencies and the plan's title.
 */
@Validated
@ConfigurationProperties("assistx.policy")
public record PolicyProperties(
        @NotNull LocalDate effectiveDate,
        @NotNull @Pattern(regexp = "\\d{2}|\\d{4}|\\d{6}") String servedAreaPrefix,
        @Positive int emergencyBackfillDays,
        @DefaultValue("90") @Positive int proofMaxAgeDays,
        boolean askPartnerDespiteProof,
        @DefaultValue("居住地申办社会救助实施方案") @NotBlank String planTitle,
        Map<String, List<String>> countyEmergencyKinds) {

    public PolicyProperties {
        countyEmergencyKinds = countyEmergencyKinds == null ? Map.of() : Map.copyOf(countyEmergencyKinds);
    }
}
