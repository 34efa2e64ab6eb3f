package org.assistx.gateway.policy;

/**
 * One reason a request is refused: a fixed code, the JSON path of the field, and a message in Chinese
 * then English, in words a township clerk understands.
 */
public record PolicyError(ErrorCode code, String field, String message) {

    static PolicyError of(ErrorCode code, String field, String chinese, String english) {
        return new PolicyError(code, field, chinese + " / " + english);
    }
}
