package org.assistx.gateway.policy;

import java.time.LocalDate;

/** An emergency (R4): what happened, when and in which township. */
public record Emergency(EmergencyKind kind, LocalDate occurredOn, String township, String description) {
}
