package org.assistx.gateway.ingress.soap;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jws.WebService;
import org.apache.cxf.interceptor.Fault;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.ingress.ExchangeController;
import org.assistx.gateway.ingress.IngressException;
import org.assistx.gateway.ingress.ExchangeDoor;
import org.assistx.gateway.partner.soap.EnvelopeExchangePort;
import org.assistx.gateway.tracking.StoredJson;

/**
 * The federation's exchange endpoint over SOAP, at {@code /services/exchange}: the envelope-exchange contract the
 * county bureaus serve ({@code docs/wsdl/envelope-exchange.wsdl}: one signed envelope in as text, one text out),
 * for a provincial system or gateway that only speaks SOAP. The envelope gets exactly the checks of
 * {@code POST /api/v1/exchange} ({@link ExchangeDoor}); the answer is the same receipt JSON, and a refusal is a
 * SOAP fault whose {@code verificationFault} detail carries the code and the HTTP status REST would answer.
 */
@WebService(serviceName = "EnvelopeExchangeService", portName = "EnvelopeExchangePort",
        endpointInterface = "org.assistx.gateway.partner.soap.EnvelopeExchangePort",
        targetNamespace = EnvelopeExchangePort.NAMESPACE)
public class SoapExchangeService implements EnvelopeExchangePort {

    static final String SOURCE = "soap:/services/exchange";

    private final ExchangeDoor door;
    private final ObjectMapper json;

    public SoapExchangeService(ExchangeDoor door, ObjectMapper json) {
        this.door = door;
        this.json = json;
    }

    @Override
    public String exchange(String envelope) {
        try {
            return StoredJson.write(json, json.valueToTree(door.take(envelope, SOURCE)));
        } catch (IngressException e) {
            throw fault(e, e.status().value());
        } catch (GatewayException e) {
            throw fault(e, ExchangeController.status(e.code()).value());
        }
    }

    private static Fault fault(GatewayException e, int httpStatus) {
        Code code = Code.find(e.code()).orElse(Code.INTERNAL);
        return SoapFaultCodes.fault(code, httpStatus, e.getMessage(),
                httpStatus >= 500 ? Fault.FAULT_CODE_SERVER : Fault.FAULT_CODE_CLIENT);
    }
}
