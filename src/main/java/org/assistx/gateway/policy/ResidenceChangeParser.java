package org.assistx.gateway.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.assistx.gateway.division.DivisionRegistry;

/**
 * Turns the JSON body of {@code POST /api/v1/residence-changes} into a {@link ResidenceChange}, or into
 * the list of everything wrong with it, with the same strictness as {@link VerificationRequestParser}.
 * Besides field checks it refuses ({@code INVALID_FIELD}) a report dated in the future and a move after
 * the report date. {@code managingTownship} must be a township of the list, {@code recipient.hukouDivision}
 * a township or county, {@code newResidenceDivision} any division of the list (best a township).
 * Thread-safe.
 */
public final class ResidenceChangeParser {

    private static final Set<String> TOP = Set.of("requestId", "reportedOn", "managingTownship", "recipient",
            "assistanceType", "newResidenceDivision", "movedOn");
    private static final Set<String> RECIPIENT = Set.of("idNumber", "name", "hukouDivision");

    /**
     * Outcome of {@link #parse}: either a change ({@link #ok()}, no errors) or the complete list of what is
     * wrong with the body ({@link #change()} is then {@code null}).
     */
    public record ParseResult(ResidenceChange change, List<PolicyError> errors) {

        public ParseResult {
            errors = List.copyOf(errors);
            if ((change == null) == errors.isEmpty()) {
                throw new IllegalArgumentException("a parse result holds either a change or errors");
            }
        }

        public static ParseResult success(ResidenceChange change) {
            return new ParseResult(Objects.requireNonNull(change, "change"), List.of());
        }

        public static ParseResult failure(List<PolicyError> errors) {
            return new ParseResult(null, errors);
        }

        /** Whether the body was a valid report. */
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final DivisionRegistry registry;
    private final Clock clock;

    public ResidenceChangeParser(DivisionRegistry registry) {
        this(registry, Dates.DEFAULT_CLOCK);
    }

    /** @param clock gives "today" (read in its zone; the default is Asia/Shanghai) */
    public ResidenceChangeParser(DivisionRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ParseResult parse(JsonNode body) {
        LocalDate today = LocalDate.now(clock);
        JsonFields f = new JsonFields(registry, today);
        if (!f.isObject(body)) {
            return ParseResult.failure(f.errors());
        }
        f.onlyKnown(body, "", TOP);
        String requestId = f.requestId(body, "", "requestId");
        LocalDate reportedOn = f.date(body, "", "reportedOn", true);
        String managingTownship = f.township(body, "", "managingTownship", true);
        Recipient recipient = null;
        JsonNode r = f.object(body, "", "recipient", true);
        if (r != null) {
            f.onlyKnown(r, "recipient", RECIPIENT);
            recipient = new Recipient(f.idNumber(r, "recipient", "idNumber"), f.personName(r, "recipient", "name"),
                    f.hukouDivision(r, "recipient", "hukouDivision"));
        }
        AssistanceType type = f.enumValue(body, "", "assistanceType", AssistanceType.class, true);
        String newResidence = f.anyDivision(body, "", "newResidenceDivision");
        LocalDate movedOn = f.date(body, "", "movedOn", true);
        if (reportedOn != null && reportedOn.isAfter(today)) {
            f.add(ErrorCode.INVALID_FIELD, "reportedOn",
                    "报告日期 " + reportedOn + " 晚于今天（" + today + "），不能填写将来的日期。",
                    "The report date " + reportedOn + " is after today (" + today + "); it cannot be in the future.");
        }
        if (reportedOn != null && movedOn != null && movedOn.isAfter(reportedOn)) {
            f.add(ErrorCode.INVALID_FIELD, "movedOn",
                    "迁居日期 " + movedOn + " 晚于报告日期 " + reportedOn + "，只能报告已经发生的迁居。",
                    "The move date " + movedOn + " is after the report date " + reportedOn
                            + "; only a move that has happened can be reported.");
        }
        if (!f.errors().isEmpty()) {
            return ParseResult.failure(f.errors());
        }
        return ParseResult.success(new ResidenceChange(requestId, reportedOn, managingTownship,
                recipient, type, newResidence, movedOn));
    }
}
