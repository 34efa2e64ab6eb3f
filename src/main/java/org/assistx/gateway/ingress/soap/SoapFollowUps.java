package org.assistx.gateway.ingress.soap;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlSchemaType;
import jakarta.xml.bind.annotation.XmlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.policy.AssistanceType;
import org.assistx.gateway.policy.EmergencyKind;
import org.assistx.gateway.policy.ResidenceChangeDecision;
import org.assistx.gateway.tracking.MessageRecord;

/**
 * The follow-ups of the REST contract as typed XML: the approval decision fed back to the hukou township
 * (R6), the formalities of an emergency case (R4) and residence changes (R9–R11). Amounts are
 * {@code xs:decimal} (at most two places, checked as over REST) and travel as the REST JSON's decimal text.
 */
public final class SoapFollowUps {

    private SoapFollowUps() {
    }

    /** R6: the decision, its date, the amount and its period. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ApprovalDecision", propOrder = {"decision", "decidedOn", "monthlyAmount", "amount", "period",
            "note"})
    public static class ApprovalDecision {
        @XmlElement(required = true)
        public SoapEnums.Decision decision;
        @XmlElement(required = true)
        @XmlSchemaType(name = "date")
        public LocalDate decidedOn;
        /** DIBAO and TEKUN: required when APPROVED; never for TEMPORARY. */
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        public BigDecimal monthlyAmount;
        /** TEMPORARY only: the one-off amount, optional. */
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        public BigDecimal amount;
        public SoapEnums.Period period;
        public String note;
    }

    /** The recorded decision and the signed notice that carried it to the hukou township. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Approval", propOrder = {"decision", "noticeMessageId"})
    public static class Approval {
        @XmlElement(required = true)
        public ApprovalDecision decision;
        @XmlElement(required = true)
        public String noticeMessageId;
    }

    /** R4: the completed formalities of an emergency case. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "EmergencyBackfill", propOrder = {"reason", "amount", "handlers", "completedOn", "sealed"})
    public static class Backfill {
        @XmlElement(required = true)
        public String reason;
        @XmlElement(required = true)
        @JsonFormat(shape = JsonFormat.Shape.STRING)
        public BigDecimal amount;
        /** The names of the handlers who signed, 1 to 10. */
        @XmlElement(name = "handler", required = true)
        public List<String> handlers = new ArrayList<>();
        @XmlElement(required = true)
        @XmlSchemaType(name = "date")
        public LocalDate completedOn;
        /** Must be true: the seal was affixed. */
        public boolean sealed;
    }

    /** An emergency case: its kind and day, the backfill day, done ({@code backfill}) or {@code overdue}. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "EmergencyCase", propOrder = {"verificationId", "kind", "occurredOn", "backfillDue", "backfilled",
            "overdue", "backfill"})
    public static class EmergencyCase {
        @XmlElement(required = true)
        public String verificationId;
        @XmlElement(required = true)
        public EmergencyKind kind;
        @XmlElement(required = true)
        @XmlSchemaType(name = "date")
        public LocalDate occurredOn;
        @XmlElement(required = true)
        @XmlSchemaType(name = "date")
        public LocalDate backfillDue;
        public boolean backfilled;
        public boolean overdue;
        public Backfill backfill;
    }

    /** R9–R11: a recipient the township manages moved. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ResidenceChangeReport", propOrder = {"requestId", "reportedOn", "managingTownship", "recipient",
            "assistanceType", "newResidenceDivision", "movedOn"})
    public static class ResidenceChangeReport {
        @XmlElement(required = true)
        public String requestId;
        @XmlElement(required = true)
        @XmlSchemaType(name = "date")
        public LocalDate reportedOn;
        @XmlElement(required = true)
        public String managingTownship;
        @XmlElement(required = true)
        public Recipient recipient;
        @XmlElement(required = true)
        public AssistanceType assistanceType;
        @XmlElement(required = true)
        public String newResidenceDivision;
        @XmlElement(required = true)
        @XmlSchemaType(name = "date")
        public LocalDate movedOn;
    }

    /** The recipient who moved. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Recipient", propOrder = {"idNumber", "name", "hukouDivision"})
    public static class Recipient {
        @XmlElement(required = true)
        public String idNumber;
        @XmlElement(required = true)
        public String name;
        public String hukouDivision;
    }

    /** The decided change: the action and why, and what it set in motion. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "ResidenceChange", propOrder = {"changeId", "requestId", "action", "reason", "recheckOn",
            "decidedOn", "noticeMessageId", "notice", "recipientNotice", "replayed"})
    public static class ResidenceChange {
        @XmlElement(required = true)
        public String changeId;
        public String requestId;
        @XmlElement(required = true)
        public ResidenceChangeDecision.Action action;
        public String reason;
        /** RECHECK_LATER: the day it is decided again. */
        @XmlSchemaType(name = "date")
        public LocalDate recheckOn;
        /** The day it was decided to suspend or transfer; the notices carry it. */
        @XmlSchemaType(name = "date")
        public LocalDate decidedOn;
        public String noticeMessageId;
        public Notice notice;
        /** SUSPEND_PAYMENT: the REST path of the printable written notice for the recipient. */
        public String recipientNotice;
        /** {@code reportResidenceChange} only: true when the same report was sent before (REST {@code 200}). */
        public Boolean replayed;
    }

    /** The state of the signed notice a change sent. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "Notice", propOrder = {"messageId", "type", "status", "attempts"})
    public static class Notice {
        @XmlElement(required = true)
        public String messageId;
        @XmlElement(required = true)
        public MessageType type;
        @XmlElement(required = true)
        public MessageRecord.MessageStatus status;
        public int attempts;
    }
}
