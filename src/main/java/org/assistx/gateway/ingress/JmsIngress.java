package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.assistx.gateway.delivery.Exchanges;
import org.assistx.gateway.tracking.InboundRefusals;
import org.assistx.gateway.tracking.StoredJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.core.MessageCreator;
import org.springframework.stereotype.Component;

/**
 * Verification requests as JMS text messages on {@code assistx.ingress.verifications} (route
 * {@code ingress-jms-verifications}): the same JSON, checks and answers as the REST endpoint, plus
 * {@code "httpStatus"}. The answer goes to {@code JMSReplyTo} when set, else to
 * {@code assistx.egress.<clientOrg>}, with the request's correlation id (or its message id); a named
 * reply queue then receives every later status change ({@link StatusSubscriptions}).
 *
 * <p>Identity: the broker's validated user ({@code _AMQ_VALIDATED_USER}, when the broker populates it),
 * or in the demo configuration only the string property {@code clientOrg}.
 */
@Component("jmsIngress")
public class JmsIngress {

    private static final Logger log = LoggerFactory.getLogger(JmsIngress.class);

    public static final String CLIENT_ORG = "clientOrg";
    static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";
    private static final Pattern ORG = Pattern.compile("\\d{9}");

    private final IngressAnswers answers;
    private final JsonBodyReader reader;
    private final StatusSubscriptions subscriptions;
    private final JmsTemplate jms;
    private final ObjectMapper json;
    private final boolean headerIdentity;

    public JmsIngress(IngressAnswers answers, JsonBodyReader reader, StatusSubscriptions subscriptions,
            JmsTemplate jms, ObjectMapper json, IdentityProperties identity) {
        this.answers = answers;
        this.reader = reader;
        this.subscriptions = subscriptions;
        this.jms = jms;
        this.json = json;
        this.headerIdentity = identity.headerIdentityEnabled();
    }

    public void accept(Exchange exchange) throws JMSException {
        Message in = exchange.getMessage();
        String org = organisation(in);
        String correlationId = in.getHeader("JMSCorrelationID", String.class);
        if (correlationId == null) {
            correlationId = in.getHeader("JMSMessageID", String.class);
        }
        Destination replyTo = in.getHeader("JMSReplyTo", Destination.class);
        String text = in.getBody(String.class);
        ObjectNode answer = answers.submit(InboundRefusals.Channel.JMS, org, () -> {
            byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
            return reader.readObject(new ByteArrayInputStream(bytes), bytes.length);
        });
        if (replyTo == null && org == null) {
            log.warn("JMS verification request without identity and without JMSReplyTo: cannot be answered");
            return;
        }
        String finalCorrelation = correlationId;
        MessageCreator reply = session -> {
            var message = session.createTextMessage(StoredJson.write(json, answer));
            if (finalCorrelation != null) {
                message.setJMSCorrelationID(finalCorrelation);
            }
            return message;
        };
        String queueName = null;
        if (replyTo != null) {
            jms.send(replyTo, reply);
            if (replyTo instanceof Queue q && !(replyTo instanceof TemporaryQueue)) {
                queueName = q.getQueueName();
            }
        } else {
            queueName = Exchanges.EGRESS_QUEUE_PREFIX + org;
            jms.send(queueName, reply);
        }
        int status = answer.path("httpStatus").asInt();
        if ((status == 200 || status == 202) && queueName != null) {
            subscriptions.subscribeQueue(answer.path("verificationId").asText(), queueName, correlationId);
        }
    }

    private String organisation(Message in) {
        return organisation(in.getHeader(VALIDATED_USER, String.class), in.getHeader(CLIENT_ORG, String.class),
                headerIdentity);
    }

    /**
     * The calling organisation: the user the broker authenticated ({@code _AMQ_VALIDATED_USER}, set by the
     * broker when {@code populate-validated-user} is on; a township's broker user is its 9-digit code), else,
     * only where header identity is on (the demo), the {@code clientOrg} property; null when neither names a
     * township. In {@code prod} the property is never read, whatever it says.
     */
    static String organisation(String validatedUser, String clientOrgProperty, boolean headerIdentity) {
        if (validatedUser != null && ORG.matcher(validatedUser).matches()) {
            return validatedUser;
        }
        String org = headerIdentity ? clientOrgProperty : null;
        return org != null && ORG.matcher(org).matches() ? org : null;
    }
}
