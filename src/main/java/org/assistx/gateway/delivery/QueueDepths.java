package org.assistx.gateway.delivery;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.util.Enumeration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * How many messages are on a queue, those waiting and those a consumer holds (on any node) alike: exact from
 * the embedded broker when it runs in this process; from an external broker through its management API
 * ({@code messageCount} of the queue, which counts the messages in delivery too); only where the broker
 * refuses that (no {@code manage} permission) by browsing, which sees just the waiting ones (counted up to
 * {@link #BROWSE_CAP}).
 */
@Component
public class QueueDepths {

    static final int BROWSE_CAP = 10_000;
    private static final Logger log = LoggerFactory.getLogger(QueueDepths.class);
    private static final String MANAGEMENT_ADDRESS = "activemq.management";
    private static final long MANAGEMENT_TIMEOUT_MS = 2_000;

    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final JmsTemplate jms;
    private final ConnectionFactory connectionFactory;

    public QueueDepths(ObjectProvider<EmbeddedActiveMQ> embedded, JmsTemplate jms, ConnectionFactory connectionFactory) {
        this.embedded = embedded;
        this.jms = jms;
        // the application's (caching) factory: one shared connection, no connection set-up per question
        this.connectionFactory = connectionFactory;
    }

    public long depth(String queue) {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        if (broker != null && broker.getActiveMQServer() != null && broker.getActiveMQServer().isActive()) {
            Queue q = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
            if (q != null) {
                return q.getMessageCount();
            }
        }
        Long counted = managedCount(queue);
        return counted != null ? counted : browsed(queue);
    }

    /** The queue's {@code messageCount} from the broker's management API; null where it does not answer it. */
    private Long managedCount(String queue) {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = session.createTemporaryQueue();
            try (MessageConsumer consumer = session.createConsumer(replies);
                    MessageProducer producer = session.createProducer(session.createQueue(MANAGEMENT_ADDRESS))) {
                connection.start();
                Message request = session.createMessage();
                JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount");
                request.setJMSReplyTo(replies);
                producer.send(request);
                Message answer = consumer.receive(MANAGEMENT_TIMEOUT_MS);
                if (answer == null || !JMSManagementHelper.hasOperationSucceeded(answer)) {
                    return null;
                }
                Object result = JMSManagementHelper.getResult(answer);
                return result instanceof Number n ? n.longValue() : null;
            } finally {
                replies.delete();
            }
        } catch (Exception e) {
            log.debug("Depth of {} not available from the broker's management API: {}", queue, e.getMessage());
            return null;
        }
    }

    private long browsed(String queue) {
        Integer counted = jms.browse(queue, (session, browser) -> {
            int n = 0;
            Enumeration<?> e = browser.getEnumeration();
            while (e.hasMoreElements() && n < BROWSE_CAP) {
                Message ignored = (Message) e.nextElement();
                n++;
            }
            return n;
        });
        return counted == null ? 0 : counted;
    }
}
