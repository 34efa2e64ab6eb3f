package org.assistx.gateway.delivery;

import org.apache.camel.Exchange;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.springframework.stereotype.Component;

/**
 * Prepares a call of {@code core-transport-jms}: the signed XML envelope goes as a text message to the
 * partner's request queue with {@code JMSReplyTo} its reply queue and a fresh {@code JMSCorrelationID};
 * the reply with that correlation id is awaited for the partner's response timeout. No header of ours
 * becomes a JMS property.
 */
@Component("jmsTransport")
public class JmsTransport {

    /** Exchange properties the route builds the JMS endpoint from. */
    public static final String REPLY_TO = "assistxReplyTo";
    public static final String RESPONSE_TIMEOUT = "assistxResponseTimeoutMillis";

    private final PartnerRegistry partners;

    public JmsTransport(PartnerRegistry partners) {
        this.partners = partners;
    }

    public void request(Exchange exchange) {
        PartnerDescriptor partner = partners.get(exchange.getProperty(Exchanges.PARTNER_ID, String.class)).descriptor();
        exchange.getMessage().removeHeaders("*", "Camel*");
        exchange.getMessage().removeHeaders("CamelJms*");
        exchange.setProperty(Exchanges.ENDPOINT, partner.endpoint());
        exchange.setProperty(REPLY_TO, partner.replyTo());
        exchange.setProperty(RESPONSE_TIMEOUT, partner.timeouts().response().toMillis());
    }

    public String reply(Exchange exchange) {
        return exchange.getMessage().getBody(String.class);
    }
}
