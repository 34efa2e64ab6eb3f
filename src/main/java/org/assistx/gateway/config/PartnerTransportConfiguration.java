package org.assistx.gateway.config;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.connection.DelegatingConnectionFactory;

/**
 * The JMS component of partner transports ({@code partnerJms}, used by {@code core-transport-jms}).
 *
 * <p>It has a connection factory of its own, not transacted: the dispatch route consumes inside a JMS
 * transaction, and Spring hands a send on the same connection factory the transaction's session, so a
 * request to a partner would only leave on commit, after the route had waited for its reply in vain.
 */
@Configuration(proxyBeanMethods = false)
public class PartnerTransportConfiguration {

    /** The partner-side connections to the broker, closed with the application. */
    static final class PartnerConnections implements DisposableBean {
        final CachingConnectionFactory factory;

        PartnerConnections(ConnectionFactory broker) {
            ConnectionFactory target = broker instanceof CachingConnectionFactory c && c.getTargetConnectionFactory() != null
                    ? c.getTargetConnectionFactory() : broker;
            DelegatingConnectionFactory own = new DelegatingConnectionFactory();
            own.setTargetConnectionFactory(target);
            this.factory = new CachingConnectionFactory(own);
            this.factory.setSessionCacheSize(4);
        }

        @Override
        public void destroy() {
            factory.destroy();
        }
    }

    @Bean
    PartnerConnections partnerConnections(ConnectionFactory connectionFactory) {
        return new PartnerConnections(connectionFactory);
    }

    @Bean
    JmsComponent partnerJms(PartnerConnections partnerConnections) {
        JmsComponent jms = JmsComponent.jmsComponent(partnerConnections.factory);
        jms.getConfiguration().setTransacted(false);
        jms.getConfiguration().setTransactedInOut(false);
        return jms;
    }
}
