package org.assistx.gateway.e2e;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The gateway on an external broker of the test's own ({@link ExternalBroker}), for tests that stop it or break it
 * under the gateway, as an external one in production.
 */
final class ExternalServers {

    private ExternalServers() {
    }

    static int freePort() throws Exception {
        return ExternalBroker.freePort();
    }

    /**
     * The gateway on that broker, with retries that outlast a restart, as a deployment's would (the test
     * profile's end in 300 ms), and the last safety net out of the way: {@code stale-after} an hour, longer
     * than any of these tests, so that only delivery itself can answer a verification.
     */
    static void gatewayOnBroker(DynamicPropertyRegistry registry, int port) {
        registry.add("spring.artemis.mode", () -> "native");
        registry.add("spring.artemis.broker-url", () -> "tcp://127.0.0.1:" + port);
        registry.add("spring.artemis.embedded.enabled", () -> "false");
        registry.add("assistx.rate-limit.requests-per-second", () -> "0");
        registry.add("assistx.delivery.redelivery.maximum-redeliveries", () -> "60");
        registry.add("assistx.delivery.redelivery.initial-delay", () -> "200");
        registry.add("assistx.delivery.redelivery.maximum-delay", () -> "1000");
        registry.add("assistx.delivery.stale-after", () -> "PT1H");
    }
}
