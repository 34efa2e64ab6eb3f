package org.assistx.gateway.policy;

import java.time.LocalDate;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * Site-specific values of the policy.
 *
 * @param effectiveDate         the day the plan was issued (rule R5); applications dated earlier are refused
 * @param servedAreaPrefix      division prefix of the area this deployment serves, for example {@code 6101}
 *                              (西安市); empty serves every township
 * @param emergencyBackfillDays days a township has, after giving emergency aid, to register the case and
 *                              complete signatures and seals (rule R4, "补齐手续")
 */
public record PolicySettings(LocalDate effectiveDate, String servedAreaPrefix, int emergencyBackfillDays) {

    public PolicySettings {
        if (effectiveDate == null) {
            throw invalid("effectiveDate is required");
        }
        if (servedAreaPrefix == null || servedAreaPrefix.length() > 9 || !servedAreaPrefix.chars()
                .allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid("servedAreaPrefix must be up to 9 digits, got: " + servedAreaPrefix);
        }
        if (emergencyBackfillDays < 0) {
            throw invalid("emergencyBackfillDays must not be negative");
        }
    }

    /** The demo deployment: 西安市 ({@code 6101}), plan issued 2022-07-01, 10 days to complete emergency files. */
    public static PolicySettings demo() {
        return new PolicySettings(LocalDate.of(2022, 7, 1), "6101", 10);
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(Code.INVALID_POLICY_SETTINGS, message);
    }
}
