package org.assistx.gateway.ops;

import org.assistx.gateway.ingress.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Operations refusals in the error body of the contract ({@code {"errors": [{code, field, message}]}}). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OpsExceptionHandler {

    @ExceptionHandler(OpsException.class)
    ResponseEntity<ApiError> refused(OpsException e) {
        return ResponseEntity.status(e.status()).body(ApiError.of(e.code(), e.field(), e.getMessage()));
    }
}
