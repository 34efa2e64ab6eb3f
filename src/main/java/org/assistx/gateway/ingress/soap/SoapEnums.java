package org.assistx.gateway.ingress.soap;

import jakarta.xml.bind.annotation.XmlEnum;
import jakarta.xml.bind.annotation.XmlType;

/**
 * The enumerations of the REST contract that have no Java enum of their own in the gateway (the others,
 * such as {@code AssistanceType} or {@code VerificationStatus}, are the domain enums themselves). Like
 * those, their schema types are named in lower camel case ({@code decision}, {@code period}, ...).
 */
public final class SoapEnums {

    private SoapEnums() {
    }

    /** R6: the residence township's decision. */
    @XmlType(name = "decision")
    @XmlEnum
    public enum Decision { APPROVED, REJECTED }

    /** How an amount is paid: every month, or once. */
    @XmlType(name = "period")
    @XmlEnum
    public enum Period { MONTH, ONCE }

    /** The currency of an amount. */
    @XmlType(name = "currency")
    @XmlEnum
    public enum Currency { CNY }

    /** The state of an assistance record at the partner: 申请中, 在保, 暂停, 终止. */
    @XmlType(name = "recordStatus")
    @XmlEnum
    public enum RecordStatus { APPLIED, ACTIVE, SUSPENDED, TERMINATED }
}
