package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.xml.ws.Endpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.assistx.gateway.ingress.soap.SoapIngressGuard;
import org.assistx.gateway.ingress.soap.SoapVerificationService;
import org.assistx.gateway.tracking.InboundRefusals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the SOAP verification service at {@code /services/verifications}, behind the size and DOCTYPE
 * guard ({@link SoapIngressGuard}).
 */
@Configuration(proxyBeanMethods = false)
public class IngressSoapConfiguration {

    @Bean
    Endpoint verificationSoapEndpoint(Bus bus, ClientIdentityResolver identity, IngressAnswers answers,
            TownshipVerifications verifications, ObjectMapper json, IngressProperties limits,
            InboundRefusals refusals) {
        EndpointImpl endpoint = new EndpointImpl(bus, new SoapVerificationService(identity, answers, verifications, json));
        endpoint.getInInterceptors().add(new SoapIngressGuard(limits.maxBodyBytes(), refusals));
        endpoint.publish("/verifications");
        return endpoint;
    }
}
