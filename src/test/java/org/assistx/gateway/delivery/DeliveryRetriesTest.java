package org.assistx.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.assistx.gateway.GatewayException;
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
    void delaysGrowExponentiallyUpToTheMaximumWithBoundedJitter() {
        PartnerDescriptor.Retry r = new PartnerDescriptor.Retry(6, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(10));
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
