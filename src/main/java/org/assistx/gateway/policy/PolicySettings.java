package org.assistx.gateway.policy;

import java.time.LocalDate;

/**
 * Settings of one deployment: the plan's issue date (R5), the served area (division prefix) and the days a
 * township has to complete an emergency's formalities (R4).
 */
public record PolicySettings(LocalDate effectiveDate, String servedAreaPrefix, int emergencyBackfillDays) {
}
