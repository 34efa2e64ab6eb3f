package org.assistx.gateway.policy;

/** Category a case is handled in (rule R3). */
public enum Category {
    URBAN_DIBAO,
    RURAL_DIBAO,
    URBAN_TEKUN,
    RURAL_TEKUN,
    TEMPORARY;

    /**
     * The category for an assistance type and the nature of the original hukou (rule R3): DIBAO and
     * TEKUN follow the hukou nature; temporary assistance has one category whatever the hukou.
     */
    public static Category of(AssistanceType type, HukouNature nature) {
        return switch (type) {
            case TEMPORARY -> TEMPORARY;
            case DIBAO -> nature == HukouNature.URBAN ? URBAN_DIBAO : RURAL_DIBAO;
            case TEKUN -> nature == HukouNature.URBAN ? URBAN_TEKUN : RURAL_TEKUN;
        };
    }
}
