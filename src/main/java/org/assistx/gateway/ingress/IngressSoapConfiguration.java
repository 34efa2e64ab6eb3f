package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.xml.ws.Endpoint;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.message.Message;
import org.assistx.gateway.followup.ApprovalFeedback;
import org.assistx.gateway.followup.EmergencyCases;
import org.assistx.gateway.ingress.soap.SoapExchangeService;
import org.assistx.gateway.ingress.soap.SoapFaultCodes;
import org.assistx.gateway.ingress.soap.SoapIngressGuard;
import org.assistx.gateway.ingress.soap.SoapMapping;
import org.assistx.gateway.ingress.soap.SoapVerificationService;
import org.assistx.gateway.tracking.InboundRefusals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the SOAP verification service at {@code /services/verifications} (WSDL at
 * {@code /services/verifications?wsdl}), behind the size and DOCTYPE guard ({@link SoapIngressGuard}),
 * with requests validated against the service's schema and every fault carrying its stable code
 * ({@link SoapFaultCodes}).
 */
@Configuration(proxyBeanMethods = false)
public class IngressSoapConfiguration {

    @Bean
    Endpoint verificationSoapEndpoint(Bus bus, ClientIdentityResolver identity, IngressService ingress,
            TownshipVerifications verifications, ApprovalFeedback approvals, EmergencyCases emergencies,
            TownshipResidenceChanges residenceChanges, PolicyEvaluations evaluations, ApiExceptionHandler errors,
            ObjectMapper json,
            IngressProperties limits, InboundRefusals refusals) {
        EndpointImpl endpoint = new EndpointImpl(bus, new SoapVerificationService(
                new SoapVerificationService.Services(identity, ingress, verifications, approvals, emergencies,
                        residenceChanges, evaluations, errors), new SoapMapping(json)));
        endpoint.setProperties(Map.of(Message.SCHEMA_VALIDATION_ENABLED, "IN"));
        endpoint.getInInterceptors().add(new SoapIngressGuard(limits.maxBodyBytes(), refusals));
        endpoint.getOutFaultInterceptors().add(new SoapFaultCodes());
        endpoint.publish("/verifications");
        return endpoint;
    }

    /**
     * The federation's exchange endpoint over SOAP at {@code /services/exchange} (the envelope-exchange contract),
     * behind the same guard; refusals are faults with their code.
     */
    @Bean
    Endpoint exchangeSoapEndpoint(Bus bus, ExchangeDoor door, ObjectMapper json, IngressProperties limits,
            InboundRefusals refusals) {
        EndpointImpl endpoint = new EndpointImpl(bus, new SoapExchangeService(door, json));
        endpoint.getInInterceptors().add(new SoapIngressGuard(limits.maxBodyBytes(), refusals));
        endpoint.getOutFaultInterceptors().add(new SoapFaultCodes());
        endpoint.publish("/exchange");
        return endpoint;
    }
}
