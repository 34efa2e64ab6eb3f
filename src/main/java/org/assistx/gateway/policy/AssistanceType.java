package org.assistx.gateway.policy;

/** The three kinds of assistance of the plan, with their minimum residence (R2) and Chinese names. */
public enum AssistanceType {
    TEMPORARY(3, "临时救助"),
    DIBAO(6, "最低生活保障"),
    TEKUN(12, "特困人员救助供养");

    private final int minimumResidenceMonths;
    private final String chinese;

    AssistanceType(int minimumResidenceMonths, String chinese) {
        this.minimumResidenceMonths = minimumResidenceMonths;
        this.chinese = chinese;
    }

    /** R2: calendar months of residence required at the application date. */
    public int minimumResidenceMonths() {
        return minimumResidenceMonths;
    }

    public String chinese() {
        return chinese;
    }
}
