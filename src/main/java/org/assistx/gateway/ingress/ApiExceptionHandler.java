package org.assistx.gateway.ingress;

import jakarta.jms.JMSException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;
import org.assistx.gateway.Code;
import org.assistx.gateway.followup.FollowUpException;
import org.assistx.gateway.policy.PolicyError;
import org.assistx.gateway.tracking.InboundRefusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.JmsException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns refusals into the error bodies of the contract; never a stack trace to a caller. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final InboundRefusals refusals;

    private final long retryAfterSeconds;

    public ApiExceptionHandler(InboundRefusals refusals,
            @Value("${assistx.ingress.unavailable-retry-after-seconds:10}") long retryAfterSeconds) {
        this.refusals = refusals;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * Whether a refusal matters for security (who the caller is, where it wants the gateway to call), and so
     * is recorded for the operations API.
     */
    static boolean identityRefusal(IngressException e) {
        return Code.UNAUTHENTICATED.name().equals(e.code()) || Code.FORBIDDEN.name().equals(e.code())
                || ClientCertificates.REVOKED.equals(e.code()) || ClientCertificates.REFUSED.equals(e.code())
                || CallbackDestinations.CALLBACK_NOT_ALLOWED.equals(e.code());
    }

    @ExceptionHandler(IngressException.class)
    ResponseEntity<ApiError> refused(IngressException e, HttpServletRequest request) {
        return answer(e, InboundRefusals.Channel.REST, ClientIdentityResolver.callerOf(request),
                request.getRemoteAddr(), request.getMethod() + " " + request.getRequestURI());
    }

    /**
     * The answer to a failed township call on any channel: the status, headers and error body REST answers
     * (SOAP turns them into its fault); a refusal of identity is recorded for {@code channel}, with the
     * {@code caller} it claimed, its address and {@code what} it asked for.
     */
    public ResponseEntity<ApiError> answer(RuntimeException e, InboundRefusals.Channel channel, String caller,
            String remoteAddress, String what) {
        if (e instanceof IngressException refused) {
            if (identityRefusal(refused)) {
                refusals.record(new InboundRefusals.Entry(channel, caller, null, refused.code(), null, null,
                        remoteAddress, what + ": " + e.getMessage()));
            }
            return answer(refused);
        }
        if (e instanceof IngressService.PolicyRefusal policy) {
            return policy(policy);
        }
        if (e instanceof FollowUpException followUp) {
            return followUp(followUp);
        }
        return unexpected(e);
    }

    /** The answer to a refusal at the door, whatever the channel. */
    ResponseEntity<ApiError> answer(IngressException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e instanceof RateLimitedException limited) {
            answer.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        return answer.body(e.body());
    }

    @ExceptionHandler(IngressService.PolicyRefusal.class)
    ResponseEntity<ApiError> policy(IngressService.PolicyRefusal e) {
        List<ApiError.Item> items = e.errors().stream()
                .map((PolicyError p) -> new ApiError.Item(p.code().name(), p.field(), p.message())).toList();
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new ApiError(items));
    }

    @ExceptionHandler(FollowUpException.class)
    ResponseEntity<ApiError> followUp(FollowUpException e) {
        HttpStatus status = Code.find(e.code()).filter(c -> c.httpStatus() > 0)
                .map(c -> HttpStatus.valueOf(c.httpStatus())).orElse(HttpStatus.INTERNAL_SERVER_ERROR);
        return ResponseEntity.status(status).body(ApiError.of(e.code(), e.field(), e.getMessage()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(ApiError.of(Code.METHOD_NOT_ALLOWED, null, "不支持该请求方法。 / Method not allowed."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(ApiError.of(Code.UNSUPPORTED_MEDIA_TYPE, null, "请使用 application/json。 / Use application/json."));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ApiError.of(Code.NOT_FOUND, null, "没有该资源。 / Not found."));
    }

    /**
     * The store or the broker is down: {@code 503} with {@code Retry-After}, the code saying which; nothing
     * was accepted (a request is accepted only once it is stored), so the same request may be sent again.
     */
    static Optional<Code> unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return Optional.of(Code.STORE_UNAVAILABLE);
            }
            if (t instanceof JmsException || t instanceof JMSException) {
                return Optional.of(Code.BROKER_UNAVAILABLE);
            }
        }
        return Optional.empty();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        Optional<Code> unavailable = unavailable(e);
        if (unavailable.isPresent()) {
            Code code = unavailable.get();
            log.warn("Answering 503 {}: {}", code, e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", Long.toString(retryAfterSeconds))
                    .body(ApiError.of(code, null, code.meaning()));
        }
        log.error("Unexpected failure while answering a request", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ApiError.of(Code.INTERNAL, null,
                "网关内部错误，可用相同的申请编号安全重试。 / Internal error; retrying with the same requestId is safe."));
    }
}
