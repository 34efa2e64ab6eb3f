package org.assistx.gateway.ingress.soap;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import java.time.LocalDate;
import org.assistx.gateway.policy.AssistanceType;
import org.assistx.gateway.policy.EmergencyKind;
import org.assistx.gateway.policy.HukouNature;

/**
 * The verification request (the REST body of {@code POST /api/v1/verifications}) as typed XML: the same
 * fields with the same names, dates as {@code xs:date}, the enumerations of the contract. Division codes and
 * ID numbers are text, checked by the same policy as over REST (so a malformed one is refused with the same
 * code, e.g. {@code UNKNOWN_DIVISION} or {@code INVALID_ID_NUMBER}).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "VerificationRequest", propOrder = {"requestId", "appliedOn", "residenceTownship", "applicant",
        "residenceSince", "assistanceType", "declarationOfNonReceipt", "emergency", "proofOfNonReceipt",
        "callbackUrl"})
public class SoapVerificationRequest {

    @XmlElement(required = true)
    public String requestId;
    @XmlElement(required = true)
    @XmlSchemaType(name = "date")
    public LocalDate appliedOn;
    @XmlElement(required = true)
    public String residenceTownship;
    @XmlElement(required = true)
    public Applicant applicant;
    /** Required except for an emergency. */
    @XmlSchemaType(name = "date")
    public LocalDate residenceSince;
    @XmlElement(required = true)
    public AssistanceType assistanceType;
    public Boolean declarationOfNonReceipt;
    public Emergency emergency;
    public ProofOfNonReceipt proofOfNonReceipt;
    @XmlSchemaType(name = "anyURI")
    public String callbackUrl;

    /** The applicant; {@code hukouNature} is needed for DIBAO and TEKUN. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Applicant", propOrder = {"idNumber", "name", "hukouDivision", "hukouNature"})
    public static class Applicant {
        @XmlElement(required = true)
        public String idNumber;
        @XmlElement(required = true)
        public String name;
        public String hukouDivision;
        public HukouNature hukouNature;
    }

    /** R4: an emergency, helped at once where it happened. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Emergency", propOrder = {"kind", "occurredOn", "township", "description", "countyKind"})
    public static class Emergency {
        @XmlElement(required = true)
        public EmergencyKind kind;
        @XmlElement(required = true)
        @XmlSchemaType(name = "date")
        public LocalDate occurredOn;
        public String township;
        public String description;
        public String countyKind;
    }

    /** R8: a proof of non-receipt the applicant brings. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ProofOfNonReceiptGiven", propOrder = {"documentNumber", "issuerDivision", "issuedOn",
            "validUntil", "signedDocument"})
    public static class ProofOfNonReceipt {
        @XmlElement(required = true)
        public String documentNumber;
        @XmlElement(required = true)
        public String issuerDivision;
        @XmlElement(required = true)
        @XmlSchemaType(name = "date")
        public LocalDate issuedOn;
        @XmlSchemaType(name = "date")
        public LocalDate validUntil;
        /** The signed proof document (an envelope), base64 in XML as in JSON. */
        public byte[] signedDocument;
    }
}
