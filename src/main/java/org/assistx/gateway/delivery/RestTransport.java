package org.assistx.gateway.delivery;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.springframework.stereotype.Component;

/**
 * Prepares a call of {@code core-transport-rest}: the signed JSON envelope is POSTed to the partner's
 * endpoint with its connect and response timeouts; the body of a 2xx answer is the partner's signed reply
 * envelope. Only the content type goes out as a header: nothing of ours or of the broker reaches the partner.
 */
@Component("restTransport")
public class RestTransport {

    /** Exchange properties the route builds the HTTP endpoint from. */
    public static final String CONNECT_TIMEOUT = "assistxConnectTimeoutMillis";
    public static final String RESPONSE_TIMEOUT = "assistxResponseTimeoutMillis";

    private final PartnerRegistry partners;
    private final PartnerEndpoints endpoints;

    public RestTransport(PartnerRegistry partners, PartnerEndpoints endpoints) {
        this.partners = partners;
        this.endpoints = endpoints;
    }

    public void request(Exchange exchange) {
        PartnerDescriptor partner = partners.get(exchange.getProperty(Exchanges.PARTNER_ID, String.class)).descriptor();
        org.apache.camel.Message msg = exchange.getMessage();
        msg.removeHeaders("*", "Camel*");
        msg.removeHeaders("CamelHttp*");
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        msg.setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.setProperty(Exchanges.ENDPOINT, endpoints.address(partner.endpoint()));
        exchange.setProperty(CONNECT_TIMEOUT, partner.timeouts().connect().toMillis());
        exchange.setProperty(RESPONSE_TIMEOUT, partner.timeouts().response().toMillis());
    }

    /** The reply envelope: JSON is UTF-8 (RFC 8259), whatever the answer's headers say. */
    public String reply(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }
}
