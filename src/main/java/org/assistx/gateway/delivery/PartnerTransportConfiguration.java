package org.assistx.gateway.delivery;

import jakarta.jms.ConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.DelegatingConnectionFactory;

/**
 * The broker connections of the JMS partner transport ({@code delivery.JmsTransport}) and of the sweep of
 * its reply queues ({@code delivery.LateReplies}).
 *
 * <p>They are connections of their own, not transacted: the delivery routes consume inside a JMS
 * transaction, and Spring hands a send on the same connection factory the transaction's session, so a
 * request to a partner would only leave on commit, after the route had waited for its reply in vain.
 * Sessions are cached, consumers are not: each call waits on the reply queue with a selector of its own
 * correlation id, and a cached consumer per selector would pile up.
 */
@Configuration(proxyBeanMethods = false)
public class PartnerTransportConfiguration {

    /** The partner-side connections to the broker, closed with the application. */
    public static final class PartnerConnections implements DisposableBean {
        private final CachingConnectionFactory factory;

        PartnerConnections(ConnectionFactory broker, int sessions) {
            ConnectionFactory target = broker instanceof CachingConnectionFactory c && c.getTargetConnectionFactory() != null
                    ? c.getTargetConnectionFactory() : broker;
            DelegatingConnectionFactory own = new DelegatingConnectionFactory();
            own.setTargetConnectionFactory(target);
            this.factory = new CachingConnectionFactory(own);
            this.factory.setSessionCacheSize(sessions);
            this.factory.setCacheConsumers(false);
        }

        public ConnectionFactory factory() {
            return factory;
        }

        @Override
        public void destroy() {
            factory.destroy();
        }
    }

    @Bean
    PartnerConnections partnerConnections(ConnectionFactory connectionFactory, DeliveryProperties delivery) {
        return new PartnerConnections(connectionFactory, Math.max(4, delivery.consumers() * 2));
    }
}
