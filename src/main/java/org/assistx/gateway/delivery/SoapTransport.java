package org.assistx.gateway.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.message.Message;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.springframework.stereotype.Component;

/**
 * Prepares a call of {@code core-transport-soap}: the partner's address and timeouts for CXF, the envelope
 * as the single SOAP parameter; and takes the reply envelope out of the SOAP answer.
 */
@Component("soapTransport")
public class SoapTransport {

    private final PartnerRegistry partners;
    private final PartnerEndpoints endpoints;

    public SoapTransport(PartnerRegistry partners, PartnerEndpoints endpoints) {
        this.partners = partners;
        this.endpoints = endpoints;
    }

    public void request(Exchange exchange) {
        PartnerDescriptor partner = partners.get(exchange.getProperty(Exchanges.PARTNER_ID, String.class)).descriptor();
        String envelope = exchange.getMessage().getBody(String.class);
        org.apache.camel.Message msg = exchange.getMessage();
        // Nothing of ours or of the broker reaches the partner; Camel's own headers (e.g. the redelivery
        // counter) stay, and CXF's header filter keeps those off the wire.
        msg.removeHeaders("*", "Camel*");
        msg.setHeader(Exchange.DESTINATION_OVERRIDE_URL, endpoints.address(partner.endpoint()));
        msg.setHeader(CxfConstants.OPERATION_NAME, "exchange");
        Map<String, Object> context = new HashMap<>();
        context.put(Message.CONNECTION_TIMEOUT, partner.timeouts().connect().toMillis());
        context.put(Message.RECEIVE_TIMEOUT, partner.timeouts().response().toMillis());
        msg.setHeader(Client.REQUEST_CONTEXT, context);
        msg.setBody(List.of(envelope));
    }

    public String reply(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof List<?> list) {
            return list.isEmpty() ? null : (String) list.get(0);
        }
        return exchange.getMessage().getBody(String.class);
    }
}
