package org.assistx.gateway.policy;

import java.util.Objects;

/**
 * One reason a request is refused.
 *
 * @param code    stable code of the {@code 422} answer
 * @param field   JSON path of the field concerned, for example {@code applicant.idNumber}; {@code $} for
 *                the body as a whole
 * @param message Chinese, then {@code " / "}, then English, in words a township clerk understands
 */
public record PolicyError(ErrorCode code, String field, String message) {

    /** Separator between the Chinese and the English half of a message. */
    public static final String SEPARATOR = " / ";

    public PolicyError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** An error whose message is {@code chinese + " / " + english}. */
    public static PolicyError of(ErrorCode code, String field, String chinese, String english) {
        return new PolicyError(code, field, chinese + SEPARATOR + english);
    }
}
