package org.assistx.gateway.division;

/**
 * How the hukou place of an applicant relates to the township where they live and apply.
 *
 * <p>{@link DivisionRegistry#classify(String, String)} returns one of the first four; {@link #EMERGENCY}
 * is never the result of a comparison of places: the policy engine gives it to emergency applications
 * (rule R4), where the hukou place does not matter.
 */
public enum Jurisdiction {
    /** Hukou in another township of the same county (rule R6). */
    CROSS_TOWNSHIP,
    /** Hukou in another county of the same city (rule R7). */
    CROSS_COUNTY,
    /** Hukou in another city of the same province (rule R8). */
    CROSS_CITY,
    /** Hukou in another province (rule R8). */
    CROSS_PROVINCE,
    /** Emergency aid at the place where the emergency happened, whatever the hukou (rule R4). */
    EMERGENCY
}
