package org.assistx.gateway.ingress.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.assistx.gateway.Code;
import org.assistx.gateway.ingress.ClientIdentityResolver;
import org.assistx.gateway.mapping.XmlProlog;
import org.assistx.gateway.tracking.InboundRefusals;

/**
 * The door of the SOAP ingress, before any XML parser sees the request: a body over the ingress size limit
 * is refused ({@code BODY_TOO_LARGE}), and so is a request that carries a DOCTYPE ({@code XML_UNSAFE}: XXE,
 * external DTDs, entity expansion such as billion laughs). Both answer a SOAP {@code Client} fault whose
 * string starts with the code and whose {@code verificationFault} detail carries it, and the unsafe XML is
 * recorded as an inbound refusal.
 */
public class SoapIngressGuard extends AbstractPhaseInterceptor<Message> {

    private final int maxBodyBytes;
    private final InboundRefusals refusals;

    public SoapIngressGuard(int maxBodyBytes, InboundRefusals refusals) {
        super(Phase.RECEIVE);
        this.maxBodyBytes = maxBodyBytes;
        this.refusals = refusals;
    }

    @Override
    public void handleMessage(Message message) {
        InputStream in = message.getContent(InputStream.class);
        if (in == null) {
            return;
        }
        byte[] body;
        try {
            body = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw fault(Code.MALFORMED_XML, "the request cannot be read", 400);
        }
        if (body.length > maxBodyBytes) {
            throw fault(Code.BODY_TOO_LARGE, "the request is larger than " + maxBodyBytes + " bytes", 413);
        }
        if (XmlProlog.hasDoctype(new String(body, charsetOf(body)))) {
            HttpServletRequest http = (HttpServletRequest) message.get(AbstractHTTPDestination.HTTP_REQUEST);
            refusals.record(new InboundRefusals.Entry(InboundRefusals.Channel.SOAP,
                    http == null ? null : ClientIdentityResolver.callerOf(http), null, Code.XML_UNSAFE.name(), null, null,
                    http == null ? null : http.getRemoteAddr(),
                    "SOAP request carries a DOCTYPE (DTDs, external entities and entity expansion are refused)"));
            throw fault(Code.XML_UNSAFE, "a DOCTYPE is not allowed (DTDs and entities are refused)", 400);
        }
        message.setContent(InputStream.class, new ByteArrayInputStream(body));
    }

    /** UTF-16 when the bytes say so (byte order mark, or a zero byte in the first two), else UTF-8. */
    private static Charset charsetOf(byte[] body) {
        if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            return StandardCharsets.UTF_16;
        }
        if (body.length >= 2 && body[0] == 0) {
            return StandardCharsets.UTF_16BE;
        }
        if (body.length >= 2 && body[1] == 0) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }

    private static Fault fault(Code code, String message, int status) {
        SoapFault fault = SoapFaultCodes.fault(code, status, message,
                new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client"));
        fault.setStatusCode(status);
        return fault;
    }
}
