package org.assistx.gateway.ingress;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.springframework.http.HttpStatus;

/**
 * A refusal at the door, before anything is stored: 400 {@code MALFORMED_JSON}, 401 {@code UNAUTHENTICATED},
 * 403 {@code FORBIDDEN}, 404 {@code NOT_FOUND}, 409 {@code REQUEST_ID_CONFLICT}, 413 {@code BODY_TOO_LARGE}.
 */
public class IngressException extends GatewayException {

    private final HttpStatus status;
    private final String field;

    public IngressException(HttpStatus status, Code code, String field, String message) {
        this(status, code.name(), field, message);
    }

    public IngressException(HttpStatus status, String code, String field, String message) {
        super(code, message);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError body() {
        return ApiError.of(code(), field, getMessage());
    }
}
