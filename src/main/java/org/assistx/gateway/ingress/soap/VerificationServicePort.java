package org.assistx.gateway.ingress.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;

/**
 * The verification service for township systems that only speak SOAP (DESIGN §4): the REST contract with
 * the same fields, codes and answers. WSDL: {@code docs/wsdl/verification-service.wsdl} (code first, kept
 * equal to the served one by a test).
 */
@WebService(name = "VerificationService", targetNamespace = VerificationServicePort.NAMESPACE)
public interface VerificationServicePort {

    String NAMESPACE = "urn:assistx:verification:v1";

    @WebMethod(operationName = "submitVerification")
    @WebResult(name = "answer", targetNamespace = NAMESPACE)
    SoapVerificationAnswer submitVerification(
            @WebParam(name = "request", targetNamespace = NAMESPACE) SoapVerificationRequest request);

    @WebMethod(operationName = "getVerification")
    @WebResult(name = "answer", targetNamespace = NAMESPACE)
    SoapVerificationAnswer getVerification(
            @WebParam(name = "verificationId", targetNamespace = NAMESPACE) String verificationId);
}
