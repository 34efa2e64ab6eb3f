package org.assistx.gateway.ingress;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A token bucket per calling organisation: each township call takes a token; an empty bucket refuses with
 * 429 {@code RATE_LIMITED} and the seconds until the next token ({@code Retry-After}). Per node: with
 * several nodes behind a balancer a client gets at most the limit times the number of nodes.
 */
@Component
public class ClientRateLimiter {

    private final Clock clock;
    private final double perSecond;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ClientRateLimiter(RateLimitProperties properties, Clock clock) {
        this.clock = clock;
        this.perSecond = properties.requestsPerSecond();
        this.burst = properties.burst();
    }

    /** Takes a token for the client, or throws {@link RateLimitedException}. */
    public void acquire(String client) {
        if (perSecond <= 0) {
            return;
        }
        long retryAfter = buckets.computeIfAbsent(client, c -> new Bucket(burst, nanos())).take(nanos());
        if (retryAfter > 0) {
            throw new RateLimitedException(retryAfter);
        }
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        /** 0 if a token was taken, else the whole seconds until one is there. */
        synchronized long take(long now) {
            if (now > last) {
                tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }
    }
}
