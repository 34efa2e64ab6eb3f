package org.assistx.gateway.policy;

import java.time.LocalDate;

/**
 * An emergency (rule R4).
 *
 * @param kind        which emergency of the plan
 * @param occurredOn  day it happened
 * @param township    9-digit township where it happened: the township that gives the aid
 * @param description what happened, free text (optional; required for {@code OTHER_STRANDED})
 * @param countyKind  for {@code COUNTY_DEFINED}: the county-defined emergency, as the county configured it;
 *                    {@code null} otherwise
 */
public record Emergency(EmergencyKind kind, LocalDate occurredOn, String township, String description,
                        String countyKind) {

    /** An emergency of one of the plan's own kinds (no county-defined kind). */
    public Emergency(EmergencyKind kind, LocalDate occurredOn, String township, String description) {
        this(kind, occurredOn, township, description, null);
    }
}
