package org.assistx.gateway.ingress.soap;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST answer as XML: {@code httpStatus} (202, 200, 4xx), the summary fields, the errors with their
 * stable codes, and for a read the full view as JSON text in {@code detailJson} (messages and result).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "VerificationAnswer")
public class SoapVerificationAnswer {

    public int httpStatus;
    public String verificationId;
    public String requestId;
    public String status;
    public String jurisdiction;
    public String category;
    public String routePartner;
    public String routeRecipient;
    public String outcome;
    public String detailJson;
    public List<Error> errors = new ArrayList<>();

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Error")
    public static class Error {
        public String code;
        public String field;
        public String message;
    }
}
