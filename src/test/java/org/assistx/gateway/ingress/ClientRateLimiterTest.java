package org.assistx.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-09-01T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final HandClock clock = new HandClock();

    @Test
    void aClientGetsItsBurstThenWaitsForTheRefillWhileOthersAreUnaffected() {
        ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(0.5, 3), clock);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("610113001");
        }
        assertThatThrownBy(() -> limiter.acquire("610113001")).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.code()).isEqualTo("RATE_LIMITED");
            assertThat(e.status().value()).isEqualTo(429);
            assertThat(e.retryAfterSeconds()).isEqualTo(2);
        });
        limiter.acquire("610113002");

        clock.now = clock.now.plus(Duration.ofMillis(1500));
        assertThatThrownBy(() -> limiter.acquire("610113001")).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        clock.now = clock.now.plus(Duration.ofMillis(500));
        limiter.acquire("610113001");
        assertThatThrownBy(() -> limiter.acquire("610113001")).isInstanceOf(RateLimitedException.class);

        clock.now = clock.now.plus(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            limiter.acquire("610113001");
        }
        assertThatThrownBy(() -> limiter.acquire("610113001")).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void zeroTurnsTheLimitOff() {
        ClientRateLimiter limiter = new ClientRateLimiter(new RateLimitProperties(0, 1), clock);
        for (int i = 0; i < 1000; i++) {
            limiter.acquire("610113001");
        }
    }
}
