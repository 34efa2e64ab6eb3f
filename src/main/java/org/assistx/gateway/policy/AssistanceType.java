package org.assistx.gateway.policy;

/** Kind of assistance applied for, with the minimum residence of rule R2. */
public enum AssistanceType {
    /** 临时救助: 3 months of residence. */
    TEMPORARY("临时救助", "TEMPORARY assistance", 3),
    /** 最低生活保障 (低保): 6 months of residence. */
    DIBAO("最低生活保障", "DIBAO", 6),
    /** 特困人员救助供养 (特困): 1 year of residence. */
    TEKUN("特困人员救助供养", "TEKUN", 12);

    private final String chineseName;
    private final String englishName;
    private final int minimumResidenceMonths;

    AssistanceType(String chineseName, String englishName, int minimumResidenceMonths) {
        this.chineseName = chineseName;
        this.englishName = englishName;
        this.minimumResidenceMonths = minimumResidenceMonths;
    }

    /** Name a township clerk uses, for example {@code 最低生活保障}. */
    public String chineseName() {
        return chineseName;
    }

    /** Name used in the English half of messages, for example {@code DIBAO}. */
    public String englishName() {
        return englishName;
    }

    /** Calendar months an applicant must have lived at the residence place (rule R2). */
    public int minimumResidenceMonths() {
        return minimumResidenceMonths;
    }
}
