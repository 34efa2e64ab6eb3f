package org.assistx.gateway.policy;

/** The emergencies of rule R4 (plan 二(二)). */
public enum EmergencyKind {
    /** Migrant worker stranded by an epidemic, out of work and without family support. */
    EPIDEMIC_STRANDED,
    /** Person stranded by traffic controls. */
    TRAFFIC_CONTROL_STRANDED,
    /** Fire, traffic accident or a similar accident. */
    ACCIDENT,
    /** Sudden serious illness of a family member. */
    SERIOUS_ILLNESS,
    /** Major natural disaster. */
    NATURAL_DISASTER,
    /** Another emergency named by the county government. */
    COUNTY_DEFINED
}
