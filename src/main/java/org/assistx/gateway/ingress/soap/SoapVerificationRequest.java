package org.assistx.gateway.ingress.soap;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The REST request body (DESIGN §4) as XML: the same fields with the same names. Dates and codes are text
 * and are checked by the same parser as the JSON body.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "VerificationRequest")
public class SoapVerificationRequest {

    public String requestId;
    public String appliedOn;
    public String residenceTownship;
    public Applicant applicant;
    public String residenceSince;
    public String assistanceType;
    public Boolean declarationOfNonReceipt;
    public Emergency emergency;
    public Proof proofOfNonReceipt;
    public String callbackUrl;

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Applicant")
    public static class Applicant {
        public String idNumber;
        public String name;
        public String hukouDivision;
        public String hukouNature;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Emergency")
    public static class Emergency {
        public String kind;
        public String occurredOn;
        public String township;
        public String description;
        public String countyKind;
    }

    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ProofOfNonReceipt")
    public static class Proof {
        public String documentNumber;
        public String issuerDivision;
        public String issuedOn;
        public String validUntil;
        public String signedDocument;
    }
}
