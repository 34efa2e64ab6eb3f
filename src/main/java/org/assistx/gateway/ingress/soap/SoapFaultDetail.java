package org.assistx.gateway.ingress.soap;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.Code;

/**
 * The detail of every fault of the verification service ({@code verificationFault}): the stable code (one of
 * {@link Code}, the enumeration {@code code} of the schema), the HTTP status REST answers the same refusal
 * with, the seconds to wait for {@code RATE_LIMITED} and the {@code 503} codes, and each error with its code,
 * field and message, exactly as in the REST error body. For several policy refusals at once the code is
 * {@code POLICY_REFUSED} and the errors list each rule's code.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "FaultDetail", propOrder = {"code", "httpStatus", "retryAfterSeconds", "errors"})
public class SoapFaultDetail {

    @XmlElement(required = true)
    public Code code;
    public int httpStatus;
    public Long retryAfterSeconds;
    @XmlElement(name = "error")
    public List<Error> errors = new ArrayList<>();

    /** One error: its code, the field it is about (if any) and the message (Chinese / English). */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "FaultError", propOrder = {"code", "field", "message"})
    public static class Error {
        @XmlElement(required = true)
        public Code code;
        public String field;
        @XmlElement(required = true)
        public String message;
    }
}
