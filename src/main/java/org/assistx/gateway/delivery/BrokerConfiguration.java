package org.assistx.gateway.delivery;

import java.util.List;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Artemis broker of the default configuration: a TCP acceptor for township systems and
 * other gateways, and the address settings for the gateway's queues (broker-side redelivery with backoff, and
 * the dead-letter queue for messages no consumer could process). The same settings are what an external
 * broker must have ({@code docs/deploy/broker.xml}); {@link BrokerSettingsCheck} asks it at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BrokerConfiguration.class);

    /** Address match of every gateway queue. */
    public static final String GATEWAY_MATCH = "assistx.#";
    /** Address match of the partners' delivery queues. */
    public static final String PARTNER_MATCH = Exchanges.PARTNER_QUEUE_PREFIX + "#";

    /**
     * Every gateway queue: a message rolled back is offered again after 1 s, 2 s … at most 60 s, and after
     * 10 deliveries goes to {@code assistx.dlq}.
     */
    public static AddressSettings gatewayQueues() {
        return new AddressSettings()
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setMaxDeliveryAttempts(10)
                .setDeadLetterAddress(SimpleString.of(Exchanges.DEAD_LETTER_QUEUE));
    }

    /** The dead letters themselves are never moved on. */
    public static AddressSettings deadLetters() {
        return new AddressSettings().setMaxDeliveryAttempts(-1);
    }

    /**
     * A partner's delivery queue ({@code assistx.delivery.<partner>}) is created on first use and kept, also
     * while nobody consumes it (the partner is suspended or its breaker is open). A message its open breaker
     * did not let through is rolled back and offered again after 1 s, 2 s … at most 30 s, as often as it
     * takes: the partner's maximum age ({@code retry.maximumAge}) ends it, not the broker.
     */
    public static AddressSettings partnerQueues() {
        return new AddressSettings()
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(30_000)
                .setMaxDeliveryAttempts(-1)
                .setDeadLetterAddress(SimpleString.of(Exchanges.DEAD_LETTER_QUEUE))
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
    }

    /** The gateway's fixed queues, created (durable, anycast) when the embedded broker starts. */
    static final List<String> FIXED_QUEUES = List.of(Exchanges.DISPATCH_QUEUE, Exchanges.NOTICE_QUEUE,
            Exchanges.INGRESS_QUEUE, Exchanges.EXCHANGE_QUEUE, Exchanges.DEAD_LETTER_QUEUE);

    @Bean
    ArtemisConfigurationCustomizer assistxBrokerCustomizer(BrokerProperties broker) {
        return configuration -> {
            if (broker.tcpPort() > 0) {
                String uri = "tcp://" + broker.tcpHost() + ":" + broker.tcpPort();
                try {
                    configuration.addAcceptorConfiguration("tcp", uri);
                } catch (Exception e) {
                    throw new IllegalStateException("broker acceptor " + uri + " is invalid", e);
                }
                log.info("Embedded broker accepts connections on {}", uri);
            }
            configuration.setJournalDatasync(true);
            FIXED_QUEUES.forEach(q -> configuration.addQueueConfiguration(
                    QueueConfiguration.of(q).setAddress(q).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
            configuration.addAddressSetting(GATEWAY_MATCH, gatewayQueues());
            configuration.addAddressSetting(Exchanges.DEAD_LETTER_QUEUE, deadLetters());
            configuration.addAddressSetting(PARTNER_MATCH, partnerQueues());
        };
    }
}
