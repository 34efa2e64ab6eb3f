package org.assistx.gateway.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.message.Message;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.springframework.stereotype.Component;

/**
 * Prepares a call of {@code core-transport-soap}: the partner's address and timeouts for CXF, the envelope
 * as the single SOAP parameter, and the CXF endpoint to call; and takes the reply envelope out of the SOAP
 * answer.
 * <p>
 * A partner without TLS settings goes through the shared endpoint {@code partnerSoapClient} (the JVM's trust
 * store for {@code https://}). A partner with a {@code tls} block gets a CXF endpoint of its own whose
 * conduit uses the partner's TLS context, so concurrent calls to different partners never share TLS settings.
 * That endpoint is named after the partner and its context, which is made anew at every load of the partner:
 * after a reload the next call builds a new endpoint with the new CA and client certificate.
 */
@Component("soapTransport")
public class SoapTransport {

    /** The exchange property naming the CXF endpoint bean the route calls. */
    public static final String CLIENT = "assistxSoapClient";

    private final PartnerRegistry partners;
    private final PartnerEndpoints endpoints;
    private final Bus bus;
    private final ConcurrentMap<String, Boolean> bound = new ConcurrentHashMap<>();

    public SoapTransport(PartnerRegistry partners, PartnerEndpoints endpoints, Bus bus) {
        this.partners = partners;
        this.endpoints = endpoints;
        this.bus = bus;
    }

    public void request(Exchange exchange) {
        PartnerRegistry.Partner loaded = partners.get(exchange.getProperty(Exchanges.PARTNER_ID, String.class));
        PartnerDescriptor partner = loaded.descriptor();
        String envelope = exchange.getMessage().getBody(String.class);
        org.apache.camel.Message msg = exchange.getMessage();
        // Nothing of ours or of the broker reaches the partner; Camel's own headers (e.g. the redelivery
        // counter) stay, and CXF's header filter keeps those off the wire.
        msg.removeHeaders("*", "Camel*");
        String address = endpoints.address(partner.endpoint());
        msg.setHeader(Exchange.DESTINATION_OVERRIDE_URL, address);
        msg.setHeader(CxfConstants.OPERATION_NAME, "exchange");
        Map<String, Object> context = new HashMap<>();
        context.put(Message.CONNECTION_TIMEOUT, partner.timeouts().connect().toMillis());
        context.put(Message.RECEIVE_TIMEOUT, partner.timeouts().response().toMillis());
        msg.setHeader(Client.REQUEST_CONTEXT, context);
        msg.setBody(List.of(envelope));
        exchange.setProperty(CLIENT, client(exchange, loaded, address));
    }

    /** The registry name of the CXF endpoint for the partner: its own when it has TLS settings. */
    private String client(Exchange exchange, PartnerRegistry.Partner partner, String address) {
        SSLContext context = partner.tls();
        if (context == null) {
            return SoapClientConfiguration.SHARED_CLIENT;
        }
        String name = "assistxSoapTls-" + partner.id() + "-" + Integer.toHexString(System.identityHashCode(context));
        bound.computeIfAbsent(name, n -> {
            exchange.getContext().getRegistry().bind(n, SoapClientConfiguration.client(bus, address, context));
            return Boolean.TRUE;
        });
        return name;
    }

    public String reply(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof List<?> list) {
            return list.isEmpty() ? null : (String) list.get(0);
        }
        return exchange.getMessage().getBody(String.class);
    }
}
