package org.assistx.gateway.ingress;

import org.assistx.gateway.Code;
import org.springframework.http.HttpStatus;

/** 429 {@code RATE_LIMITED}: the client sent more than its limit; it may retry after {@link #retryAfterSeconds()}. */
public class RateLimitedException extends IngressException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, Code.RATE_LIMITED, null, "请求过于频繁，请于 " + retryAfterSeconds
                + " 秒后重试。 / Too many requests; retry after " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
