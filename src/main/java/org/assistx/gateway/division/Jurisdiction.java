package org.assistx.gateway.division;

/** How the hukou place relates to the residence township (plan 四; RULES.md R6–R8), or an emergency (R4). */
public enum Jurisdiction {
    /** Hukou in another township of the same county (R6). */
    CROSS_TOWNSHIP,
    /** Hukou in another county of the same city (R7). */
    CROSS_COUNTY,
    /** Hukou in another city of the same province (R8). */
    CROSS_CITY,
    /** Hukou in another province (R8). */
    CROSS_PROVINCE,
    /** An emergency handled where it happened, whatever the hukou (R4). */
    EMERGENCY
}
