package org.assistx.gateway.ingress.soap;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.interceptors.WebFaultOutInterceptor;
import org.apache.cxf.phase.Phase;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.w3c.dom.Node;

/**
 * Every fault of the verification service carries the stable code: a declared {@link VerificationFault}
 * gets the SOAP fault code of its {@link Code} ({@code Client} or {@code Server}); a fault CXF raised before
 * the service ran (a request that does not match the schema, or cannot be read) gets the
 * {@code verificationFault} detail too: {@code INVALID_FIELD} for a request that breaks the schema (a
 * missing element, a wrong date, an unknown enumeration value), {@code MALFORMED_XML} for one that cannot be
 * read as the contract's XML at all.
 */
public class SoapFaultCodes extends AbstractSoapInterceptor {

    static final QName DETAIL = new QName(VerificationServicePort.NAMESPACE, "verificationFault");

    private static final JAXBContext FAULTS = faults();

    public SoapFaultCodes() {
        super(Phase.PRE_PROTOCOL);
        addAfter(WebFaultOutInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault)) {
            return;
        }
        SoapFaultDetail detail = declared(fault);
        if (detail == null) {
            if (hasDetail(fault)) {
                return;
            }
            detail = undeclared(fault);
            attach(fault, detail);
            fault.setMessage(SoapMapping.faultString(detail));
        }
        boolean client = "Client".equals(detail.code.soapFault());
        if (fault instanceof SoapFault soap) {
            soap.setFaultCode(client ? message.getVersion().getSender() : message.getVersion().getReceiver());
        } else {
            fault.setFaultCode(client ? Fault.FAULT_CODE_CLIENT : Fault.FAULT_CODE_SERVER);
        }
    }

    /** A fault raised before the service ran, with the {@code verificationFault} detail of {@code code}. */
    static SoapFault fault(Code code, int httpStatus, String message, QName faultCode) {
        SoapFaultDetail detail = SoapMapping.detail(code, httpStatus, null, message);
        SoapFault fault = new SoapFault(SoapMapping.faultString(detail), faultCode);
        attach(fault, detail);
        return fault;
    }

    private static SoapFaultDetail declared(Fault fault) {
        for (Throwable t = fault; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof VerificationFault declared) {
                return declared.getFaultInfo();
            }
        }
        return null;
    }

    private static boolean hasDetail(Fault fault) {
        Element detail = fault.getDetail();
        if (detail == null) {
            return false;
        }
        for (Node n = detail.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    private static SoapFaultDetail undeclared(Fault fault) {
        boolean unreadable = false;
        for (Throwable t = fault; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnmarshalException || t instanceof SAXException) {
                return schema(fault);
            }
            unreadable |= t instanceof XMLStreamException;
        }
        String text = String.valueOf(fault.getMessage());
        if (text.startsWith("Unmarshalling Error")) {
            return schema(fault);
        }
        if (unreadable || Fault.FAULT_CODE_CLIENT.equals(fault.getFaultCode())
                || fault instanceof SoapFault soap && "Client".equals(soap.getFaultCode().getLocalPart())) {
            return SoapMapping.detail(Code.MALFORMED_XML, 400, null,
                    "SOAP 请求无法读取。 / The SOAP request cannot be read: " + text);
        }
        return SoapMapping.detail(Code.INTERNAL, 500, null,
                "网关内部错误，可用相同的申请编号安全重试。 / Internal error; retrying with the same requestId is safe.");
    }

    /** {@code INVALID_FIELD} with what the schema check or the reader said, without Java class names. */
    private static SoapFaultDetail schema(Fault fault) {
        String said = String.valueOf(fault.getMessage()).replaceFirst("^Unmarshalling Error: *", "")
                .replaceAll("[a-z]+(\\.[a-z0-9]+)+\\.[A-Za-z]+(Exception|Error): *", "").strip();
        return SoapMapping.detail(Code.INVALID_FIELD, 422, null,
                "请求不符合服务的 XML 模式。 / The request does not match the service's XML schema: " + said);
    }

    private static void attach(Fault fault, SoapFaultDetail detail) {
        try {
            FAULTS.createMarshaller().marshal(new JAXBElement<>(DETAIL, SoapFaultDetail.class, detail),
                    fault.getOrCreateDetail());
        } catch (JAXBException e) {
            throw new GatewayException(Code.INTERNAL, "the fault detail cannot be written", e);
        }
    }

    private static JAXBContext faults() {
        try {
            return JAXBContext.newInstance(SoapFaultDetail.class);
        } catch (JAXBException e) {
            throw new GatewayException(Code.INTERNAL, "the fault detail type cannot be bound", e);
        }
    }
}
