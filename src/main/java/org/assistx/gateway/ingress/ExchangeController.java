package org.assistx.gateway.ingress;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Set;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.federation.ExchangeException;
import org.assistx.gateway.federation.ExchangeReceipt;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/exchange}: the exchange endpoint of a federation member. The body is one signed envelope
 * (JSON, size-limited like every ingress body); another member gateway sends requests about people whose hukou
 * is in our area, notices for our townships, and the answers to our own requests. {@code 202} with an
 * {@link ExchangeReceipt} when it is taken (or was taken before: {@code ALREADY_HELD}); otherwise the error body
 * with its code, recorded as a refusal. The checks are {@link org.assistx.gateway.federation.ExchangeInbound}'s.
 */
@RestController
@RequestMapping(path = "/api/v1/exchange", produces = MediaType.APPLICATION_JSON_VALUE)
public class ExchangeController {

    /** Codes that say the message is not authentic or not usable as signed: 403. */
    private static final Set<Code> NOT_AUTHENTIC = Set.of(Code.SIGNATURE_INVALID, Code.CERTIFICATE_UNTRUSTED,
            Code.CERTIFICATE_EXPIRED, Code.CERTIFICATE_REVOKED, Code.UNSUPPORTED_ALGORITHM, Code.KEY_UNREADABLE,
            Code.MESSAGE_TOO_OLD, Code.MESSAGE_FROM_FUTURE, Code.SENDER_NOT_COVERED);

    private final ExchangeDoor door;

    public ExchangeController(ExchangeDoor door) {
        this.door = door;
    }

    @PostMapping
    public ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(door.take(request.getInputStream(),
                    request.getContentLengthLong(), request.getRemoteAddr()));
        } catch (IngressException e) {
            throw e;   // answered by ApiExceptionHandler, as every ingress body refusal
        } catch (GatewayException e) {
            String field = e instanceof ExchangeException refused ? refused.field() : null;
            return ResponseEntity.status(status(e.code())).body(ApiError.of(e.code(), field, e.getMessage()));
        }
    }

    /**
     * The HTTP status of a refusal: the code's own when it has one; for the envelope codes (never an HTTP answer
     * elsewhere) 400 for a malformed envelope, 403 for one that is not authentic (signature, certificate, time
     * window), 409 for a message id used before, 503 when revocation cannot be checked now, else 422.
     */
    public static HttpStatus status(String name) {
        Code code = Code.find(name).orElse(Code.INTERNAL);
        if (code.httpStatus() > 0) {
            return HttpStatus.valueOf(code.httpStatus());
        }
        if (code == Code.ENVELOPE_MALFORMED || code == Code.CANONICALIZATION_FAILED) {
            return HttpStatus.BAD_REQUEST;
        }
        if (NOT_AUTHENTIC.contains(code)) {
            return HttpStatus.FORBIDDEN;
        }
        if (code == Code.REPLAYED || code == Code.DUPLICATE_REPLY || code == Code.LATE_REPLY) {
            return HttpStatus.CONFLICT;
        }
        if (code == Code.REVOCATION_UNAVAILABLE) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return code.area() == Code.Area.ENVELOPE || code.area() == Code.Area.DELIVERY
                ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
