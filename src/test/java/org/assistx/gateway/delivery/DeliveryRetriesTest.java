package org.assistx.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.MutableClock;
import org.assistx.gateway.partner.PartnerProperties;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.junit.jupiter.api.Test;

class DeliveryRetriesTest {

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://partner", status, "status " + status, null, null, null);
    }

    @Test
    void transportTroubleIsRetried() {
        assertThat(DeliveryRetries.retryable(new ConnectException("refused"))).isTrue();
        assertThat(DeliveryRetries.retryable(new SocketTimeoutException("read timed out"))).isTrue();
        assertThat(DeliveryRetries.retryable(http(500))).isTrue();
        assertThat(DeliveryRetries.retryable(http(503))).isTrue();
        assertThat(DeliveryRetries.retryable(new SoapFault("busy", Fault.FAULT_CODE_SERVER))).isTrue();
        assertThat(DeliveryRetries.retryable(new org.springframework.jms.UncategorizedJmsException("broker down"))).isTrue();
        assertThat(DeliveryRetries.retryable(null)).isTrue();
    }

    @Test
    void refusalsAreNot() {
        assertThat(DeliveryRetries.retryable(new GatewayException("SIGNATURE_INVALID", "bad signature"))).isFalse();
        assertThat(DeliveryRetries.retryable(new IllegalStateException("wrapped",
                new GatewayException("MAPPING_FAILED", "cannot map")))).isFalse();
        assertThat(DeliveryRetries.retryable(new SoapFault("refused", Fault.FAULT_CODE_CLIENT))).isFalse();
        assertThat(DeliveryRetries.retryable(http(400))).isFalse();
        assertThat(DeliveryRetries.retryable(http(404))).isFalse();
    }

    @Test
    void aCallTheOpenBreakerDidNotLetThroughIsNoFailureToRetryButWaitsOnTheQueue() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("partner");
        breaker.transitionToOpenState();
        assertThat(DeliveryRetries.retryable(CallNotPermittedException.createCallNotPermittedException(breaker)))
                .isFalse();
    }

    @Test
    void aMessageOlderThanItsMaximumAgeIsNotSent() {
        MutableClock clock = new MutableClock(Instant.parse("2026-09-01T08:00:00Z"));
        DeliveryProperties properties = new DeliveryProperties(4,
                new DeliveryProperties.Redelivery(6, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), Duration.ofHours(24)),
                new DeliveryProperties.CircuitBreaker(50, 20, 10, Duration.ofMinutes(1), 2),
                Duration.ofSeconds(10), Duration.ofMinutes(15), new DeliveryProperties.HandOver(2, 10000));
        DeliveryRetries retries = new DeliveryRetries(new PartnerRegistry(
                new PartnerProperties("routes/partners", null), List.of()), properties, null, clock);
        Instant queued = clock.instant();
        assertThat(retries.settings("no-such-partner").maximumAge()).isEqualTo(Duration.ofHours(24));
        clock.advance(Duration.ofHours(23));
        retries.requireFresh("no-such-partner", queued);
        retries.requireFresh("no-such-partner", null);
        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> retries.requireFresh("no-such-partner", queued))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.code()).isEqualTo(DeliveryRetries.MAX_AGE_EXCEEDED))
                .hasMessageContaining("PT24H");
    }

    @Test
    void delaysGrowExponentiallyUpToTheMaximumWithBoundedJitter() {
        PartnerDescriptor.Retry r = new PartnerDescriptor.Retry(6, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(10), null);
        assertThat(DeliveryRetries.delayMillis(r, 1)).isEqualTo(2000);
        assertThat(DeliveryRetries.delayMillis(r, 2)).isEqualTo(4000);
        assertThat(DeliveryRetries.delayMillis(r, 3)).isEqualTo(8000);
        assertThat(DeliveryRetries.delayMillis(r, 4)).isEqualTo(10000);
        for (int i = 0; i < 200; i++) {
            assertThat(DeliveryRetries.withJitter(1000)).isBetween(850L, 1150L);
        }
        assertThat(DeliveryRetries.withJitter(0)).isZero();
    }
}
