package org.assistx.gateway.partner.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

/**
 * The SOAP contract of envelope exchange (document/literal wrapped): one signed envelope in, one signed
 * envelope out. The envelope travels as text so its signed bytes cross SOAP unchanged. The WSDL is
 * {@code docs/wsdl/envelope-exchange.wsdl}; code first, the test {@code EnvelopeExchangeWsdlTest} keeps the
 * served WSDL and the documented one the same contract.
 */
@WebService(name = "EnvelopeExchange", targetNamespace = EnvelopeExchangePort.NAMESPACE)
public interface EnvelopeExchangePort {

    String NAMESPACE = "urn:assistx:exchange:v1";

    @WebMethod(operationName = "exchange")
    @WebResult(name = "replyEnvelope", targetNamespace = NAMESPACE)
    String exchange(@WebParam(name = "envelope", targetNamespace = NAMESPACE) String envelope);
}
