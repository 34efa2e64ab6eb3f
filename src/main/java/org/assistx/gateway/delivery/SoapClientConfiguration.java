package org.assistx.gateway.delivery;

import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.Bus;
import org.assistx.gateway.partner.soap.EnvelopeExchangePort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CXF client endpoint the SOAP transport route refers to (the address is set per call from the partner
 * descriptor).
 */
@Configuration(proxyBeanMethods = false)
public class SoapClientConfiguration {

    @Bean
    CxfEndpoint partnerSoapClient(Bus bus) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setBus(bus);
        endpoint.setAddress("http://127.0.0.1/set-per-partner");
        endpoint.setServiceClass(EnvelopeExchangePort.class);
        endpoint.setDataFormat(DataFormat.POJO);
        return endpoint;
    }
}
