package org.assistx.gateway.delivery;

import javax.net.ssl.SSLContext;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.assistx.gateway.partner.soap.EnvelopeExchangePort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CXF client endpoint the SOAP transport route refers to for partners without TLS settings of their own
 * (the address is set per call from the partner descriptor), and the endpoint made for a partner with a
 * {@code tls} block ({@link SoapTransport}): the same client whose HTTP conduit uses only that partner's
 * TLS context.
 */
@Configuration(proxyBeanMethods = false)
public class SoapClientConfiguration {

    /** The name of the shared endpoint in the registry. */
    public static final String SHARED_CLIENT = "partnerSoapClient";

    @Bean(SHARED_CLIENT)
    CxfEndpoint partnerSoapClient(Bus bus) {
        return client(bus, "http://127.0.0.1/set-per-partner", null);
    }

    /**
     * A SOAP client endpoint for {@link EnvelopeExchangePort}; with a TLS context, its conduit trusts and
     * presents only what that context holds (the host name is checked by CXF, as {@code disableCNCheck}
     * stays off). Such an endpoint's address must be the partner's: CXF makes a new conduit, without these
     * settings, for a call to another address.
     */
    static CxfEndpoint client(Bus bus, String address, SSLContext tls) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setBus(bus);
        endpoint.setAddress(address);
        endpoint.setServiceClass(EnvelopeExchangePort.class);
        endpoint.setDataFormat(DataFormat.POJO);
        if (tls != null) {
            endpoint.setCxfConfigurer(new PartnerTlsConfigurer(tls));
        }
        return endpoint;
    }

    /** Sets the partner's TLS context on the conduit of the endpoint's client. */
    private record PartnerTlsConfigurer(SSLContext context) implements CxfConfigurer {

        @Override
        public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
            // nothing before the client exists
        }

        @Override
        public void configureClient(Client client) {
            TLSClientParameters parameters = new TLSClientParameters();
            parameters.setSslContext(context);
            ((HTTPConduit) client.getConduit()).setTlsClientParameters(parameters);
        }

        @Override
        public void configureServer(org.apache.cxf.endpoint.Server server) {
            // a client only
        }
    }
}
