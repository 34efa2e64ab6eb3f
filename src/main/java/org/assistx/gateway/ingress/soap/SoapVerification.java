package org.assistx.gateway.ingress.soap;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.division.Jurisdiction;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.mapping.Outcome;
import org.assistx.gateway.policy.AssistanceType;
import org.assistx.gateway.policy.Category;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.VerificationStatus;

/**
 * A township's verification as typed XML: the summary a submission answers (the REST {@code 202}/{@code 200}
 * body, with {@code replayed} telling the two apart) and, for {@code getVerification}, the full REST view
 * (deadline, messages, the result with its assistance records and proof, the emergency case, the approval).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Verification", propOrder = {"verificationId", "requestId", "status", "jurisdiction", "category",
        "route", "replayed", "residenceTownship", "applicant", "statusReason", "createdAt", "updatedAt", "answeredAt",
        "deadline", "messages", "result", "emergency", "approval"})
public class SoapVerification {

    @XmlElement(required = true)
    public String verificationId;
    public String requestId;
    @XmlElement(required = true)
    public VerificationStatus status;
    @XmlElement(required = true)
    public Jurisdiction jurisdiction;
    @XmlElement(required = true)
    public Category category;
    /** Absent when no partner is asked (an emergency, a proof the applicant brought). */
    public Route route;
    /** {@code submitVerification} only: true when the same request was sent before (REST {@code 200}). */
    public Boolean replayed;
    // --- getVerification only ---
    public String residenceTownship;
    /** The applicant's ID number, masked. */
    public String applicant;
    public String statusReason;
    @XmlSchemaType(name = "dateTime")
    public Instant createdAt;
    @XmlSchemaType(name = "dateTime")
    public Instant updatedAt;
    @XmlSchemaType(name = "dateTime")
    public Instant answeredAt;
    public Deadline deadline;
    @XmlElement(name = "message")
    public List<Message> messages = new ArrayList<>();
    public Result result;
    public SoapFollowUps.EmergencyCase emergency;
    public SoapFollowUps.Approval approval;

    /** The partner asked and the recipient organisation. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Route", propOrder = {"partner", "recipient"})
    public static class Route {
        @XmlElement(required = true)
        public String partner;
        @XmlElement(required = true)
        public String recipient;
    }

    /**
     * {@code evaluatePolicy}: the classification and route of a request from any township, nothing stored;
     * {@code servedHere} when this gateway serves the residence township.
     */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "PolicyEvaluation", propOrder = {"jurisdiction", "category", "route", "routeNote",
            "proceedImmediately", "servedHere"})
    public static class PolicyEvaluation {
        @XmlElement(required = true)
        public Jurisdiction jurisdiction;
        @XmlElement(required = true)
        public Category category;
        public Route route;
        public String routeNote;
        public boolean proceedImmediately;
        public boolean servedHere;
    }

    /** The business deadline of the route, in working days. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Deadline", propOrder = {"workingDays", "dueAt", "overdue"})
    public static class Deadline {
        public int workingDays;
        @XmlElement(required = true)
        @XmlSchemaType(name = "dateTime")
        public Instant dueAt;
        public boolean overdue;
    }

    /** One signed message in or out for this verification. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Message", propOrder = {"messageId", "type", "direction", "partner", "status", "attempts",
            "lastError", "createdAt", "updatedAt"})
    public static class Message {
        @XmlElement(required = true)
        public String messageId;
        @XmlElement(required = true)
        public MessageType type;
        @XmlElement(required = true)
        public MessageRecord.Direction direction;
        public String partner;
        @XmlElement(required = true)
        public MessageRecord.MessageStatus status;
        public int attempts;
        public String lastError;
        @XmlElement(required = true)
        @XmlSchemaType(name = "dateTime")
        public Instant createdAt;
        @XmlElement(required = true)
        @XmlSchemaType(name = "dateTime")
        public Instant updatedAt;
    }

    /** The answer: the outcome, the person's assistance records, the proof of non-receipt. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Result", propOrder = {"outcome", "records", "proof"})
    public static class Result {
        @XmlElement(required = true)
        public Outcome outcome;
        @XmlElement(name = "record")
        public List<AssistanceRecord> records = new ArrayList<>();
        public NonReceiptProof proof;
    }

    /** One assistance record in the canonical format (docs/schemas/assistance-record.schema.json). */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "AssistanceRecord", propOrder = {"personIdNumber", "personName", "division", "assistanceType",
            "category", "status", "startDate", "endDate", "amount", "sourceSystem", "sourceRecordId"})
    public static class AssistanceRecord {
        @XmlElement(required = true)
        public String personIdNumber;
        public String personName;
        @XmlElement(required = true)
        public String division;
        @XmlElement(required = true)
        public AssistanceType assistanceType;
        @XmlElement(required = true)
        public Category category;
        @XmlElement(required = true)
        public SoapEnums.RecordStatus status;
        @XmlSchemaType(name = "date")
        public LocalDate startDate;
        @XmlSchemaType(name = "date")
        public LocalDate endDate;
        public Amount amount;
        @XmlElement(required = true)
        public String sourceSystem;
        public String sourceRecordId;
    }

    /** What is paid: a decimal with two places, the currency and the period. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Amount", propOrder = {"value", "currency", "period"})
    public static class Amount {
        @XmlElement(required = true)
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        public BigDecimal value;
        @XmlElement(required = true)
        public SoapEnums.Currency currency;
        @XmlElement(required = true)
        public SoapEnums.Period period;
    }

    /** A proof of non-receipt in the canonical format (docs/schemas/non-receipt-proof.schema.json). */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "NonReceiptProof", propOrder = {"documentNumber", "personIdNumber", "personName",
            "issuerDivision", "issuerName", "issuedOn", "validUntil", "statement", "signatureVerified",
            "sourceSystem"})
    public static class NonReceiptProof {
        @XmlElement(required = true)
        public String documentNumber;
        @XmlElement(required = true)
        public String personIdNumber;
        public String personName;
        @XmlElement(required = true)
        public String issuerDivision;
        public String issuerName;
        @XmlElement(required = true)
        @XmlSchemaType(name = "date")
        public LocalDate issuedOn;
        @XmlSchemaType(name = "date")
        public LocalDate validUntil;
        public String statement;
        /** True only when a signature over the proof document itself was checked. */
        public boolean signatureVerified;
        @XmlElement(required = true)
        public String sourceSystem;
    }
}
