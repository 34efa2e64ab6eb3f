package org.assistx.gateway.delivery;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.assistx.gateway.Code;
import org.assistx.gateway.delivery.PartnerTransportConfiguration.PartnerConnections;
import org.assistx.gateway.envelope.EnvelopeException;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * One call of a JMS partner ({@code core-transport-jms}): the signed XML envelope goes as a text message to
 * the partner's request queue with {@code JMSReplyTo} its reply queue and {@code JMSCorrelationID} the
 * request's message id; the answer with that correlation id is awaited on the reply queue for the partner's
 * response timeout, by a consumer that selects only it. No header of ours becomes a JMS property.
 *
 * <p>The correlation id is the request's message id, the same on every retry, so an answer to an earlier
 * attempt that came late still answers the retry (the partner answers a message id once). Whatever nobody
 * waits for any more — a partner's second answer, an answer after the gateway gave up — stays on the reply
 * queue until {@link LateReplies} takes and records it. Timeouts, connection and broker trouble are retried
 * like any transport failure (an {@link ExchangeTimedOutException} when no answer came in time).
 */
@Component("jmsTransport")
public class JmsTransport {

    private final PartnerRegistry partners;
    private final JmsTemplate jms;

    public JmsTransport(PartnerRegistry partners, PartnerConnections connections) {
        this.partners = partners;
        this.jms = new JmsTemplate(connections.factory());
        this.jms.setSessionTransacted(false);
    }

    public void call(Exchange exchange) throws ExchangeTimedOutException {
        PartnerDescriptor partner = partners.get(exchange.getProperty(Exchanges.PARTNER_ID, String.class)).descriptor();
        String correlation = exchange.getProperty(Exchanges.REQUEST_MESSAGE_ID, String.class);
        if (correlation == null || !correlation.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "request message id '" + correlation
                    + "' cannot correlate a JMS answer");
        }
        String request = exchange.getMessage().getBody(String.class);
        long timeout = partner.timeouts().response().toMillis();
        String answer = jms.execute(session -> {
            Queue replies = session.createQueue(partner.replyTo());
            MessageConsumer consumer = session.createConsumer(replies, "JMSCorrelationID = '" + correlation + "'");
            try {
                MessageProducer producer = session.createProducer(session.createQueue(partner.endpoint()));
                try {
                    TextMessage message = session.createTextMessage(request);
                    message.setJMSCorrelationID(correlation);
                    message.setJMSReplyTo(replies);
                    producer.send(message);
                } finally {
                    producer.close();
                }
                return text(consumer.receive(timeout));
            } finally {
                consumer.close();
            }
        }, true);
        if (answer == null) {
            throw new ExchangeTimedOutException(exchange, timeout, "no answer from partner " + partner.id()
                    + " on " + partner.replyTo() + " with correlation id " + correlation);
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(answer);
    }

    private static String text(Message reply) throws JMSException {
        if (reply == null) {
            return null;
        }
        return reply instanceof TextMessage t && t.getText() != null ? t.getText() : "";
    }
}
