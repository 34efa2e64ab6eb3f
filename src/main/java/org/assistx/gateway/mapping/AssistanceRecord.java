package org.assistx.gateway.mapping;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * One assistance record a partner holds about a person (DESIGN §6), in the canonical format described
 * by {@code assistance-record.schema.json}.
 *
 * <ul>
 *   <li>{@code assistanceType}: {@code TEMPORARY} | {@code DIBAO} | {@code TEKUN}</li>
 *   <li>{@code category}: {@code URBAN_DIBAO} | {@code RURAL_DIBAO} | {@code URBAN_TEKUN} |
 *       {@code RURAL_TEKUN} | {@code TEMPORARY} (consistent with the type)</li>
 *   <li>{@code status}: {@code APPLIED} | {@code ACTIVE} | {@code SUSPENDED} | {@code TERMINATED}</li>
 *   <li>{@code division}: the 6-digit county or 9-digit township code where the assistance was granted</li>
 *   <li>{@code personName}, {@code startDate}, {@code endDate}, {@code amount} and {@code sourceRecordId}
 *       may be {@code null}; dates serialise as ISO {@code yyyy-MM-dd} strings.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AssistanceRecord(
        String personIdNumber,
        String personName,
        String division,
        String assistanceType,
        String category,
        String status,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd") LocalDate startDate,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd") LocalDate endDate,
        Amount amount,
        String sourceSystem,
        String sourceRecordId) {
}
