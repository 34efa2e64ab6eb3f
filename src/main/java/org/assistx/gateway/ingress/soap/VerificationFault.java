package org.assistx.gateway.ingress.soap;

import jakarta.xml.ws.WebFault;

/**
 * The declared fault of every operation of the verification service: its detail carries the stable code
 * ({@link SoapFaultDetail}); the SOAP fault code is that code's {@code Client} or {@code Server}
 * ({@link org.assistx.gateway.Code#soapFault()}).
 */
@WebFault(name = "verificationFault", targetNamespace = VerificationServicePort.NAMESPACE)
public class VerificationFault extends Exception {

    private final transient SoapFaultDetail faultInfo;

    public VerificationFault(String message, SoapFaultDetail faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public SoapFaultDetail getFaultInfo() {
        return faultInfo;
    }
}
