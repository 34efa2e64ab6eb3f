package org.assistx.gateway.ops;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.springframework.http.HttpStatus;

/**
 * A refused operations request, with its HTTP status and a stable code: {@code NOT_FOUND},
 * {@code INVALID_FIELD}, {@code INVALID_TIME_RANGE}, {@code REASON_REQUIRED}, {@code ALREADY_FINAL},
 * {@code DEAD_LETTER_GONE}, {@code ROUTE_ACTION_FAILED}, {@code BROKER_UNAVAILABLE}. Messages are written for an operator, in Chinese and English.
 */
public class OpsException extends GatewayException {

    private final HttpStatus status;
    private final String field;

    public OpsException(HttpStatus status, Code code, String field, String message) {
        this(status, code.name(), field, message);
    }

    public OpsException(HttpStatus status, String code, String field, String message) {
        super(code, message);
        this.status = status;
        this.field = field;
    }

    public OpsException(HttpStatus status, String code, String field, String message, Throwable cause) {
        super(code, message, cause);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }

    static OpsException notFound(String field, String what) {
        return new OpsException(HttpStatus.NOT_FOUND, Code.NOT_FOUND, field, "没有找到" + what + "。 / No such " + field + ".");
    }
}
