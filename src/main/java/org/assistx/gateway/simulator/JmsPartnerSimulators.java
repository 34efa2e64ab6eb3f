package org.assistx.gateway.simulator;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.jms.listener.SessionAwareMessageListener;

/**
 * JMS/XML provincial partners (e.g. {@code zhejiang-33}) as listeners on their request queues: each
 * request (a signed XML envelope in a text message) is answered on its {@code JMSReplyTo} with the
 * request's {@code JMSCorrelationID} (or its message id when it has none). A partner loaded later (an
 * operator's reload) gets its listener then. A request it refuses is logged and gets no answer, as a real
 * partner system would leave it.
 */
public class JmsPartnerSimulators implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JmsPartnerSimulators.class);

    private final PartnerRegistry partners;
    private final ProvincialSimulators simulators;
    private final SimulatorFaults faults;
    private final ConnectionFactory connectionFactory;
    private final Map<String, DefaultMessageListenerContainer> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;

    public JmsPartnerSimulators(PartnerRegistry partners, ProvincialSimulators simulators,
            SimulatorFaults faults, ConnectionFactory connectionFactory) {
        this.partners = partners;
        this.simulators = simulators;
        this.faults = faults;
        this.connectionFactory = connectionFactory;
        partners.onLoad(() -> {
            if (running) {
                sync();
            }
        });
    }

    @Override
    public synchronized void start() {
        running = true;
        sync();
    }

    @Override
    public synchronized void stop() {
        running = false;
        listeners.values().forEach(DefaultMessageListenerContainer::shutdown);
        listeners.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts a listener for every loaded JMS partner that has a simulator and none yet. */
    private synchronized void sync() {
        for (PartnerRegistry.Partner p : partners.all()) {
            PartnerDescriptor d = p.descriptor();
            if (d.transport() != PartnerDescriptor.Transport.JMS_XML || listeners.containsKey(d.endpoint())
                    || !ProvincialSimulator.present(d.folder())) {
                continue;
            }
            DefaultMessageListenerContainer c = new DefaultMessageListenerContainer();
            c.setConnectionFactory(connectionFactory);
            c.setDestinationName(d.endpoint());
            c.setSessionTransacted(false);
            c.setConcurrentConsumers(1);
            c.setMessageListener((SessionAwareMessageListener<Message>) (m, s) -> answer(d.id(), m, s));
            c.afterPropertiesSet();
            c.start();
            listeners.put(d.endpoint(), c);
            log.info("Simulator of {} listens on queue {}", d.id(), d.endpoint());
        }
    }

    private void answer(String partnerId, Message request, Session session) throws JMSException {
        if (!(request instanceof TextMessage text) || request.getJMSReplyTo() == null) {
            log.warn("Simulator of {} ignores a message that is not text or has no JMSReplyTo", partnerId);
            return;
        }
        SimulatorFaults.Answer reply;
        String requestText = text.getText();
        try {
            ProvincialSimulator simulator = simulators.find(partnerId).orElseThrow(() -> new GatewayException(
                    Code.NO_SIMULATOR, "partner " + partnerId + " has no simulator.yaml"));
            reply = faults.apply(partnerId, () -> simulator.answer(requestText));
        } catch (SimulatorFaults.Simulated e) {
            // An injected fault: over JMS a partner that is down or has failed simply does not answer.
            log.warn("Simulator of {} gives no answer: {}", partnerId, e.getMessage());
            return;
        } catch (GatewayException e) {
            log.warn("Simulator of {} refuses a request: {}", partnerId, e.getMessage());
            return;
        }
        String correlation = request.getJMSCorrelationID() != null ? request.getJMSCorrelationID()
                : request.getJMSMessageID();
        try (MessageProducer producer = session.createProducer(request.getJMSReplyTo())) {
            for (int i = 0; i < (reply.twice() ? 2 : 1); i++) {
                TextMessage answer = session.createTextMessage(reply.text());
                answer.setJMSCorrelationID(correlation);
                producer.send(answer);
            }
        }
    }
}
