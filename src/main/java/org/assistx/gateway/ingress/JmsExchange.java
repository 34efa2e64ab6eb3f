package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Destination;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.federation.ExchangeException;
import org.assistx.gateway.federation.ExchangeInbound;
import org.assistx.gateway.tracking.InboundRefusals;
import org.assistx.gateway.tracking.StoredJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The exchange endpoint over the broker ({@code routes/ingress/ingress-jms-exchange.camel.yaml}): the text of one
 * signed envelope, read with the limits of every ingress body, taken by {@link ExchangeInbound} exactly as
 * {@code POST /api/v1/exchange} takes it; the answer — the receipt, or the error body, each with
 * {@code "httpStatus"} as REST would answer — goes to {@code JMSReplyTo} with the request's correlation id.
 * A failure that is not a refusal (the store is down) is thrown, so the transaction rolls back and the broker
 * offers the message again.
 */
@Component("jmsExchange")
public class JmsExchange {

    private static final Logger log = LoggerFactory.getLogger(JmsExchange.class);
    static final String SOURCE = "jms:" + org.assistx.gateway.delivery.Exchanges.EXCHANGE_QUEUE;

    private final ExchangeInbound inbound;
    private final JsonBodyReader reader;
    private final InboundRefusals refusals;
    private final JmsTemplate jms;
    private final ObjectMapper json;

    public JmsExchange(ExchangeInbound inbound, JsonBodyReader reader, InboundRefusals refusals, JmsTemplate jms,
            ObjectMapper json) {
        this.inbound = inbound;
        this.reader = reader;
        this.refusals = refusals;
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
        byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        String envelope;
        try {
            envelope = reader.readObject(new ByteArrayInputStream(bytes), bytes.length).toString();
        } catch (IngressException e) {
            refusals.record(new InboundRefusals.Entry(InboundRefusals.Channel.EXCHANGE, null, null, e.code(), null,
                    null, SOURCE, e.getMessage()));
            return error(e);
        }
        try {
            ObjectNode receipt = json.valueToTree(inbound.receive(envelope, SOURCE));
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
