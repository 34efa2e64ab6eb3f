package org.assistx.gateway.delivery;

import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.SSLContextParameters;
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
    /** The endpoint option naming the partner's TLS context in the registry, or empty for the JVM's defaults. */
    public static final String TLS_OPTION = "assistxTlsOption";

    private final PartnerRegistry partners;
    private final PartnerEndpoints endpoints;

    public RestTransport(PartnerRegistry partners, PartnerEndpoints endpoints) {
        this.partners = partners;
        this.endpoints = endpoints;
    }

    public void request(Exchange exchange) {
        PartnerRegistry.Partner loaded = partners.get(exchange.getProperty(Exchanges.PARTNER_ID, String.class));
        PartnerDescriptor partner = loaded.descriptor();
        org.apache.camel.Message msg = exchange.getMessage();
        msg.removeHeaders("*", "Camel*");
        msg.removeHeaders("CamelHttp*");
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        msg.setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.setProperty(Exchanges.ENDPOINT, endpoints.address(partner.endpoint()));
        exchange.setProperty(CONNECT_TIMEOUT, partner.timeouts().connect().toMillis());
        exchange.setProperty(RESPONSE_TIMEOUT, partner.timeouts().response().toMillis());
        exchange.setProperty(TLS_OPTION, tlsOption(exchange, loaded));
    }

    /**
     * {@code &sslContextParameters=#<name>} for a partner with its own TLS settings: its context is bound in
     * the registry under a name that changes with every load of the partner, so a reload never reuses an
     * endpoint made with the old CA.
     */
    private static String tlsOption(Exchange exchange, PartnerRegistry.Partner partner) {
        SSLContext context = partner.tls();
        if (context == null) {
            return "";
        }
        String name = "assistxTls-" + partner.id() + "-" + Integer.toHexString(System.identityHashCode(context));
        if (exchange.getContext().getRegistry().lookupByName(name) == null) {
            exchange.getContext().getRegistry().bind(name, SSLContextParameters.class, new FixedSslContext(context));
        }
        return "&sslContextParameters=#" + name;
    }

    /** Camel's TLS parameters around a context made from the partner's folder. */
    static final class FixedSslContext extends SSLContextParameters {
        private final SSLContext context;

        FixedSslContext(SSLContext context) {
            this.context = context;
        }

        @Override
        public SSLContext createSSLContext(CamelContext camelContext) {
            return context;
        }
    }

    /**
     * A member gateway's receipt ({@code core-transport-exchange}): it took the message with a 2xx; there is no
     * reply envelope to read, the answer comes later. The body is left empty.
     */
    public void receipt(Exchange exchange) {
        exchange.getMessage().setBody(null);
    }

    /** The reply envelope: JSON is UTF-8 (RFC 8259), whatever the answer's headers say. */
    public String reply(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }
}
