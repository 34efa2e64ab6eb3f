package org.assistx.gateway.policy;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of {@link VerificationRequestParser#parse}: either a request ({@link #ok()}, no errors) or the
 * complete list of what is wrong with the body ({@link #request()} is then {@code null}).
 */
public record ParseResult(VerificationRequest request, List<PolicyError> errors) {

    public ParseResult {
        errors = List.copyOf(errors);
        if ((request == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a parse result holds either a request or errors");
        }
    }

    public static ParseResult success(VerificationRequest request) {
        return new ParseResult(Objects.requireNonNull(request, "request"), List.of());
    }

    public static ParseResult failure(List<PolicyError> errors) {
        return new ParseResult(null, errors);
    }

    /** Whether the body was a valid request. */
    public boolean ok() {
        return errors.isEmpty();
    }
}
