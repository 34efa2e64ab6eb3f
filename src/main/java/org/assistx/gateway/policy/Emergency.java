package org.assistx.gateway.policy;

import java.time.LocalDate;

/**
 * An emergency (rule R4).
 *
 * @param kind        which emergency of the plan
 * @param occurredOn  day it happened
 * @param township    9-digit township where it happened: the township that gives the aid
 * @param description what happened, free text (optional)
 */
public record Emergency(EmergencyKind kind, LocalDate occurredOn, String township, String description) {
}
