package org.assistx.gateway.policy;

/** The emergencies of rule R4 (plan 二(二)). */
public enum EmergencyKind {
    /** Migrant worker stranded by an epidemic, out of work and without family support. */
    EPIDEMIC_STRANDED,
    /** Person stranded by traffic controls. */
    TRAFFIC_CONTROL_STRANDED,
    /**
     * Person stranded for another reason of the same kind ("因交通管控<b>等</b>原因暂时滞留"), such as a
     * cancelled journey or a closed road after a storm; the reason goes in {@code description}, which is then
     * required.
     */
    OTHER_STRANDED,
    /** Fire, traffic accident or a similar accident. */
    ACCIDENT,
    /** Sudden serious illness of a family member. */
    SERIOUS_ILLNESS,
    /** Major natural disaster. */
    NATURAL_DISASTER,
    /**
     * Another emergency named by the county government; {@code countyKind} names it, and it must be one the
     * county of the occurrence township has configured.
     */
    COUNTY_DEFINED;

    /** Whether this is one of the stranding cases, for which hukou and residence limits are lifted. */
    public boolean stranded() {
        return this == EPIDEMIC_STRANDED || this == TRAFFIC_CONTROL_STRANDED || this == OTHER_STRANDED;
    }
}
