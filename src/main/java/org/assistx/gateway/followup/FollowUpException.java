package org.assistx.gateway.followup;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * A follow-up that cannot be taken: {@code NOT_FOUND}, {@code NOT_APPLICABLE} (e.g. feedback on a
 * verification that is not answered), {@code REQUEST_ID_CONFLICT}, {@code INVALID_FIELD}.
 */
public class FollowUpException extends GatewayException {

    private final String field;

    public FollowUpException(Code code, String field, String message) {
        this(code.name(), field, message);
    }

    public FollowUpException(String code, String field, String message) {
        super(code, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
