package org.assistx.gateway.e2e;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.utils.XMLUtil;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.w3c.dom.Element;

/**
 * A real Artemis broker over TCP on loopback, as an external broker of a deployment: persistent, in a folder
 * of its own, with or without the address settings the gateway ships in {@code docs/deploy/broker.xml}
 * (read by Artemis's own configuration parser, so the shipped file is what is tested).
 */
final class ExternalBroker {

    static final Path SHIPPED_SETTINGS = Path.of("docs", "deploy", "broker.xml");

    private ExternalBroker() {
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The configuration of a broker keeping its journal under {@code dir}, accepting on {@code port}. */
    static Configuration configuration(Path dir, int port, boolean shippedSettings) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        if (shippedSettings) {
            try (InputStream in = Files.newInputStream(SHIPPED_SETTINGS)) {
                Element core = XMLUtil.streamToElement(in);
                new FileConfigurationParser().parseMainConfig(core, config);
            }
            // the fragment's security roles are for a real deployment; the tests' brokers have no users
            config.setSecurityEnabled(false);
        }
        return config;
    }

    static EmbeddedActiveMQ start(Path dir, int port, boolean shippedSettings) throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(configuration(dir, port, shippedSettings));
        broker.start();
        return broker;
    }

    /**
     * The gateway on such a broker, with retries that outlast a restart, as a deployment's would (the test
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
