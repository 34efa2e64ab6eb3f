package org.assistx.gateway.policy;

/** The category a case is handled in (R3). */
public enum Category {
    URBAN_DIBAO, RURAL_DIBAO, URBAN_TEKUN, RURAL_TEKUN, TEMPORARY;

    /** R3: by the nature of the original hukou; temporary assistance has one category. */
    public static Category of(AssistanceType type, HukouNature nature) {
        return switch (type) {
            case TEMPORARY -> TEMPORARY;
            case DIBAO -> nature == HukouNature.URBAN ? URBAN_DIBAO : RURAL_DIBAO;
            case TEKUN -> nature == HukouNature.URBAN ? URBAN_TEKUN : RURAL_TEKUN;
        };
    }
}
