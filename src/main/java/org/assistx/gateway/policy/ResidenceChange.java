package org.assistx.gateway.policy;

import java.time.LocalDate;

/**
 * A township's report that a recipient it manages lives somewhere else now (rules R9–R11), the body of
 * {@code POST /api/v1/residence-changes}.
 *
 * @param requestId            the township's own id, 1–64 characters of {@code [A-Za-z0-9._:-]}
 * @param reportedOn           day of the report
 * @param managingTownship     9-digit township that manages the case (the former residence)
 * @param recipient            the recipient
 * @param assistanceType       what the recipient receives
 * @param newResidenceDivision where the recipient lives now: best a 9-digit township; a 6, 4 or 2-digit
 *                             code when only the county, city or province is known
 * @param movedOn              first day at the new residence
 */
public record ResidenceChange(String requestId, LocalDate reportedOn, String managingTownship, Recipient recipient,
                              AssistanceType assistanceType, String newResidenceDivision, LocalDate movedOn) {
}
