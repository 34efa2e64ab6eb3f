package org.assistx.gateway.ops;

import org.assistx.gateway.Code;
import org.assistx.gateway.ingress.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals of the operations API in the error body of the contract ({@code {"errors": [{code, field,
 * message}]}}); only for the controllers of this package, ahead of the generic handler.
 */
@RestControllerAdvice(basePackageClasses = OpsExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OpsExceptionHandler {

    @ExceptionHandler(OpsException.class)
    ResponseEntity<ApiError> refused(OpsException e) {
        return ResponseEntity.status(e.status()).body(ApiError.of(e.code(), e.field(), e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> badParameter(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(ApiError.of(Code.INVALID_FIELD, e.getName(),
                "参数 " + e.getName() + " 的值不对。 / The value of " + e.getName() + " is not valid."));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> badBody(HttpMessageNotReadableException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ApiError.of(Code.MALFORMED_JSON, null,
                "请求体不是有效的 JSON，例如 {\"reason\": \"…\"}。 / The body is not valid JSON, e.g. {\"reason\": \"…\"}."));
    }
}
