package org.assistx.gateway.policy;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * Site-specific values of the policy.
 *
 * @param effectiveDate          the day the plan was issued (rule R5); applications dated earlier are refused
 * @param servedAreaPrefix       division prefix of the area this deployment serves, for example {@code 6101}
 *                               (西安市); empty serves every township
 * @param emergencyBackfillDays  calendar days a township has, counted from the day the emergency case is
 *                               recorded, to register it and complete signatures and seals (rule R4, "补齐手续")
 * @param proofMaxAgeDays        the most days from a proof's issue date to the application date; an older
 *                               proof is refused whatever its {@code validUntil} says (rule R8)
 * @param askPartnerDespiteProof whether an R8 request with a valid proof is also sent to a partner covering
 *                               the hukou place for its records; off: the proof answers at once
 * @param countyEmergencyKinds   the emergencies each county government has defined ("县级人民政府规定的其他急难
 *                               紧急事件"), by 6-digit county code; a {@code COUNTY_DEFINED} emergency must name one
 */
public record PolicySettings(LocalDate effectiveDate, String servedAreaPrefix, int emergencyBackfillDays,
                             int proofMaxAgeDays, boolean askPartnerDespiteProof,
                             Map<String, Set<String>> countyEmergencyKinds) {

    /** Default {@link #proofMaxAgeDays}: three months, a validity commonly printed on such certificates. */
    public static final int DEFAULT_PROOF_MAX_AGE_DAYS = 90;

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
        if (proofMaxAgeDays < 1) {
            throw invalid("proofMaxAgeDays must be at least 1");
        }
        Map<String, Set<String>> kinds = new TreeMap<>();
        if (countyEmergencyKinds != null) {
            countyEmergencyKinds.forEach((county, names) -> {
                if (county == null || !county.matches("\\d{6}")) {
                    throw invalid("countyEmergencyKinds keys must be 6-digit county codes, got: " + county);
                }
                if (names == null || names.stream().anyMatch(n -> n == null || n.isBlank())) {
                    throw invalid("countyEmergencyKinds of " + county + " must be non-blank names");
                }
                kinds.put(county, Set.copyOf(names));
            });
        }
        countyEmergencyKinds = Map.copyOf(kinds);
    }

    /** Settings with the default proof age, the proof answering at once, and no county-defined emergencies. */
    public PolicySettings(LocalDate effectiveDate, String servedAreaPrefix, int emergencyBackfillDays) {
        this(effectiveDate, servedAreaPrefix, emergencyBackfillDays, DEFAULT_PROOF_MAX_AGE_DAYS, false, Map.of());
    }

    /** The demo deployment: 西安市 ({@code 6101}), plan issued 2022-07-01, 10 days to complete emergency files. */
    public static PolicySettings demo() {
        return new PolicySettings(LocalDate.of(2022, 7, 1), "6101", 10);
    }

    /** The same settings with these county-defined emergencies. */
    public PolicySettings withCountyEmergencyKinds(Map<String, Set<String>> kinds) {
        return new PolicySettings(effectiveDate, servedAreaPrefix, emergencyBackfillDays, proofMaxAgeDays,
                askPartnerDespiteProof, kinds);
    }

    /** The same settings, asking a covering partner also when a valid proof is attached (or not). */
    public PolicySettings withAskPartnerDespiteProof(boolean ask) {
        return new PolicySettings(effectiveDate, servedAreaPrefix, emergencyBackfillDays, proofMaxAgeDays, ask,
                countyEmergencyKinds);
    }

    /** The emergencies the government of this county has defined (empty when none). */
    public Set<String> emergencyKindsOf(String countyCode) {
        return countyEmergencyKinds.getOrDefault(countyCode, Set.of());
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(Code.INVALID_POLICY_SETTINGS, message);
    }
}
