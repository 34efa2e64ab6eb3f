package org.assistx.gateway.delivery;

import jakarta.jms.Message;
import java.util.Enumeration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * How many messages wait on a queue: exact from the embedded broker when it runs in this process, else by
 * browsing the queue of the external broker (counted up to {@link #BROWSE_CAP}).
 */
@Component
public class QueueDepths {

    static final int BROWSE_CAP = 10_000;

    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final JmsTemplate jms;

    public QueueDepths(ObjectProvider<EmbeddedActiveMQ> embedded, JmsTemplate jms) {
        this.embedded = embedded;
        this.jms = jms;
    }

    public long depth(String queue) {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        if (broker != null && broker.getActiveMQServer() != null && broker.getActiveMQServer().isActive()) {
            Queue q = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
            if (q != null) {
                return q.getMessageCount();
            }
        }
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
