package org.assistx.gateway.delivery;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the broker, through its management API (a management message to {@code activemq.management},
 * {@code getAddressSettingsAsJSON} for each of the gateway's queues), whether the address settings the gateway
 * relies on are in force — those of {@link BrokerConfiguration}, shipped for an external broker as
 * {@code docs/deploy/broker.xml}:
 *
 * <ul>
 *   <li>every gateway queue dead-letters to {@code assistx.dlq}, with a redelivery delay above zero;</li>
 *   <li>the partners' delivery queues allow unlimited delivery attempts (the gateway counts a partner's
 *       retries and maximum age itself) and are not deleted when idle;</li>
 *   <li>{@code assistx.dlq} keeps its messages (unlimited attempts).</li>
 * </ul>
 *
 * <p>At start-up (before routes and listeners start) a broker that answers with other settings stops the
 * gateway with {@link Code#BROKER_SETTINGS_MISSING}; a broker that does not answer is logged and checked again
 * by the {@code broker} health indicator, which keeps readiness {@code DOWN} with the same code while the
 * settings are missing.
 */
@Component
public class BrokerSettingsCheck implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BrokerSettingsCheck.class);
    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    /** How long a passed check is trusted before the health indicator asks the broker again. */
    private static final Duration RECHECK_AFTER = Duration.ofMinutes(1);

    /** What the broker answered: {@code reachable=false} when it did not answer at all. */
    public record Result(boolean reachable, List<String> problems, Instant at) {
        public boolean passed() {
            return reachable && problems.isEmpty();
        }

        public String message() {
            return Code.BROKER_SETTINGS_MISSING.name() + ": the broker's address settings are not those the gateway "
                    + "relies on (see docs/deploy/broker.xml): " + String.join("; ", problems);
        }
    }

    /** {@code assistx.broker.settings-check.*}: on by default; the timeout of one management answer. */
    @ConfigurationProperties("assistx.broker.settings-check")
    public record Settings(Boolean enabled, Duration timeout) {
        public Settings {
            enabled = enabled == null || enabled;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        }
    }

    private final ConnectionFactory connectionFactory;
    private final PartnerRegistry partners;
    private final Settings settings;
    private final Clock clock;
    private volatile Result last;

    public BrokerSettingsCheck(ConnectionFactory connectionFactory, PartnerRegistry partners, Settings settings,
            Clock clock) {
        this.connectionFactory = connectionFactory instanceof SingleConnectionFactory single
                && single.getTargetConnectionFactory() != null ? single.getTargetConnectionFactory() : connectionFactory;
        this.partners = partners;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!settings.enabled()) {
            log.warn("The broker settings check is off (assistx.broker.settings-check.enabled=false)");
            return;
        }
        Result result = check();
        if (!result.reachable()) {
            log.warn("The broker's address settings could not be checked at start-up ({}); readiness stays DOWN "
                    + "until the broker answers with the settings in force", String.join("; ", result.problems()));
        } else if (!result.passed()) {
            throw new GatewayException(Code.BROKER_SETTINGS_MISSING, result.message());
        } else {
            log.info("The broker's address settings for the gateway's queues are in force");
        }
    }

    /** The last result, asking the broker again when it did not pass or is older than a minute. */
    public Result current() {
        if (!settings.enabled()) {
            return new Result(true, List.of(), clock.instant());
        }
        Result r = last;
        if (r != null && r.passed() && r.at().plus(RECHECK_AFTER).isAfter(clock.instant())) {
            return r;
        }
        return check();
    }

    /** Asks the broker now. */
    public Result check() {
        List<String> problems = new ArrayList<>();
        Result result;
        try {
            List<String> queues = new ArrayList<>(List.of(Exchanges.DISPATCH_QUEUE, Exchanges.NOTICE_QUEUE,
                    Exchanges.INGRESS_QUEUE));
            partners.all().forEach(p -> queues.add(Exchanges.partnerQueue(p.id())));
            // closing the connection removes the temporary reply queue
            try (Connection connection = connectionFactory.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                TemporaryQueue replies = session.createTemporaryQueue();
                MessageConsumer consumer = session.createConsumer(replies);
                connection.start();
                for (String queue : queues) {
                    AddressSettings in = settingsOf(session, replies, consumer, queue);
                    boolean partnerQueue = queue.startsWith(Exchanges.PARTNER_QUEUE_PREFIX);
                    compare(queue, partnerQueue ? BrokerConfiguration.partnerQueues() : BrokerConfiguration.gatewayQueues(),
                            in, partnerQueue, problems);
                }
                AddressSettings dlq = settingsOf(session, replies, consumer, Exchanges.DEAD_LETTER_QUEUE);
                if (dlq.getMaxDeliveryAttempts() != BrokerConfiguration.deadLetters().getMaxDeliveryAttempts()) {
                    problems.add(Exchanges.DEAD_LETTER_QUEUE + " max-delivery-attempts is " + dlq.getMaxDeliveryAttempts()
                            + ", needs -1");
                }
            }
            result = new Result(true, List.copyOf(problems), clock.instant());
        } catch (JMSException | RuntimeException e) {
            result = new Result(false, List.of(Code.BROKER_UNAVAILABLE.name() + ": " + e), clock.instant());
        }
        last = result;
        return result;
    }

    private static void compare(String queue, AddressSettings wanted, AddressSettings in, boolean partnerQueue,
            List<String> problems) {
        if (!Objects.equals(wanted.getDeadLetterAddress(), in.getDeadLetterAddress())) {
            problems.add(queue + " dead-letter-address is " + in.getDeadLetterAddress() + ", needs "
                    + wanted.getDeadLetterAddress());
        }
        if (in.getRedeliveryDelay() <= 0) {
            problems.add(queue + " redelivery-delay is " + in.getRedeliveryDelay() + ", needs more than 0 (shipped: "
                    + wanted.getRedeliveryDelay() + " ms, multiplier " + wanted.getRedeliveryMultiplier() + ", at most "
                    + wanted.getMaxRedeliveryDelay() + " ms)");
        }
        if (partnerQueue) {
            if (in.getMaxDeliveryAttempts() != wanted.getMaxDeliveryAttempts()) {
                problems.add(queue + " max-delivery-attempts is " + in.getMaxDeliveryAttempts() + ", needs "
                        + wanted.getMaxDeliveryAttempts() + " (the gateway counts a partner's attempts itself)");
            }
            if (in.isAutoDeleteQueues() || in.isAutoDeleteAddresses()) {
                problems.add(queue + " auto-delete-queues/auto-delete-addresses must be false (messages wait there "
                        + "while nobody consumes)");
            }
        } else if (in.getMaxDeliveryAttempts() < 1) {
            problems.add(queue + " max-delivery-attempts is " + in.getMaxDeliveryAttempts() + ", needs a limit (shipped: "
                    + wanted.getMaxDeliveryAttempts() + ") so a message no consumer can take ends in the dead letters");
        }
    }

    private AddressSettings settingsOf(Session session, TemporaryQueue replies, MessageConsumer consumer, String address)
            throws JMSException {
        Message request = session.createMessage();
        JMSManagementHelper.putOperationInvocation(request, ResourceNames.BROKER, "getAddressSettingsAsJSON", address);
        request.setJMSReplyTo(replies);
        try (var producer = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS))) {
            producer.send(request);
        }
        Message answer = consumer.receive(settings.timeout().toMillis());
        if (answer == null) {
            throw new IllegalStateException("no management answer within " + settings.timeout().toMillis() + " ms");
        }
        Object value;
        try {
            value = JMSManagementHelper.getResult(answer, String.class);
        } catch (Exception e) {
            throw new IllegalStateException("management answer unreadable: " + e.getMessage(), e);
        }
        if (!JMSManagementHelper.hasOperationSucceeded(answer)) {
            throw new IllegalStateException("management refused getAddressSettingsAsJSON(" + address + "): " + value
                    + " (the gateway's broker user needs the manage permission on " + MANAGEMENT_ADDRESS + ")");
        }
        return AddressSettings.fromJSON(String.valueOf(value));
    }
}
