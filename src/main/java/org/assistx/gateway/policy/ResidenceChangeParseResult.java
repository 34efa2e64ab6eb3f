package org.assistx.gateway.policy;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of {@link ResidenceChangeParser#parse}: either a change ({@link #ok()}, no errors) or the
 * complete list of what is wrong with the body ({@link #change()} is then {@code null}).
 */
public record ResidenceChangeParseResult(ResidenceChange change, List<PolicyError> errors) {

    public ResidenceChangeParseResult {
        errors = List.copyOf(errors);
        if ((change == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a parse result holds either a change or errors");
        }
    }

    public static ResidenceChangeParseResult success(ResidenceChange change) {
        return new ResidenceChangeParseResult(Objects.requireNonNull(change, "change"), List.of());
    }

    public static ResidenceChangeParseResult failure(List<PolicyError> errors) {
        return new ResidenceChangeParseResult(null, errors);
    }

    /** Whether the body was a valid report. */
    public boolean ok() {
        return errors.isEmpty();
    }
}
