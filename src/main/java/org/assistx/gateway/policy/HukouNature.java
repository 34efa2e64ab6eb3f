package org.assistx.gateway.policy;

/** Nature of the applicant's original hukou, which decides urban or rural handling (rule R3). */
public enum HukouNature {
    /** 城镇户籍. */
    URBAN,
    /** 农村户籍. */
    RURAL
}
