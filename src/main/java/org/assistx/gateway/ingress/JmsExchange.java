package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Destination;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.federation.ExchangeException;
import org.assistx.gateway.tracking.StoredJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The exchange endpoint over the broker ({@code routes/ingress/ingress-jms-exchange.camel.yaml}): the text of one
 * signed envelope, taken by {@link ExchangeDoor} exactly as
 * {@code POST /api/v1/exchange} takes it; the answer — the receipt, or the error body, each with
 * {@code "httpStatus"} as REST would answer — goes to {@code JMSReplyTo} with the request's correlation id.
 * A failure that is not a refusal (the store is down) is thrown, so the transaction rolls back and the broker
 * offers the message again.
 */
@Component("jmsExchange")
public class JmsExchange {

    private static final Logger log = LoggerFactory.getLogger(JmsExchange.class);
    static final String SOURCE = "jms:" + org.assistx.gateway.delivery.Exchanges.EXCHANGE_QUEUE;

    private final ExchangeDoor door;
    private final JmsTemplate jms;
    private final ObjectMapper json;

    public JmsExchange(ExchangeDoor door, JmsTemplate jms, ObjectMapper json) {
        this.door = door;
        this.jms = jms;
        this.json = json;
    }

    public void accept(Exchange exchange) {
        Message in = exchange.getMessage();
        String text = in.getBody(String.class);
        ObjectNode answer = answer(text);
        Destination replyTo = in.getHeader("JMSReplyTo", Destination.class);
        if (replyTo == null) {
            log.info("Exchange message on {} answered {} with no JMSReplyTo to send it to", SOURCE,
                    answer.path("httpStatus").asInt());
            return;
        }
        String correlation = in.getHeader("JMSCorrelationID", String.class);
        String correlationId = correlation != null ? correlation : in.getHeader("JMSMessageID", String.class);
        jms.send(replyTo, session -> {
            var reply = session.createTextMessage(StoredJson.write(json, answer));
            if (correlationId != null) {
                reply.setJMSCorrelationID(correlationId);
            }
            return reply;
        });
    }

    /** What {@code POST /api/v1/exchange} would answer, as JSON with its {@code httpStatus}. */
    ObjectNode answer(String text) {
        try {
            ObjectNode receipt = json.valueToTree(door.take(text, SOURCE));
            receipt.put("httpStatus", 202);
            return receipt;
        } catch (GatewayException e) {
            return error(e);
        }
    }

    private ObjectNode error(GatewayException e) {
        String field = e instanceof ExchangeException refused ? refused.field() : null;
        ObjectNode body = json.valueToTree(ApiError.of(e.code(), field, e.getMessage()));
        body.put("httpStatus", e instanceof IngressException ingress ? ingress.status().value()
                : ExchangeController.status(e.code()).value());
        return body;
    }
}
