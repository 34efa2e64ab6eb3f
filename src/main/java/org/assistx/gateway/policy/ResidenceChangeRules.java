package org.assistx.gateway.policy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import org.assistx.gateway.division.Division;
import org.assistx.gateway.division.Division.Level;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.policy.ResidenceChangeDecision.Action;

/**
 * Daily management of recipients whose residence changed (rules R9–R11, plan 五), as pure logic.
 *
 * <ul>
 *   <li>Temporary assistance, or a "move" within the managing township: {@code NOT_APPLICABLE}.</li>
 *   <li>R10: DIBAO/TEKUN, hukou outside the managing township's county, new residence outside that
 *       county, 3 months or more there: {@code SUSPEND_PAYMENT}.</li>
 *   <li>R11: DIBAO/TEKUN, hukou in that county, new residence in another township of the county, 3
 *       months or more there: {@code TRANSFER_CASE}.</li>
 *   <li>Either of those before the 3 months are reached: {@code RECHECK_LATER} on the day they are
 *       (movedOn plus 3 calendar months, end of month clamped: 2026-03-31 → 2026-06-30).</li>
 *   <li>Anything else (hukou outside the county but moved within it; hukou in the county but moved out
 *       of it; a new residence known only as a county, city or province that may contain the managing
 *       township; codes not in the list): {@code REVIEW}, with the reason.</li>
 * </ul>
 * Thread-safe.
 */
public final class ResidenceChangeRules {

    /** "居住3个月以上": 3 months, the number itself included. */
    public static final int MONTHS_AWAY = 3;

    private final DivisionRegistry registry;

    public ResidenceChangeRules(DivisionRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Decides a change as of {@code today}. Never throws for odd data: what it cannot decide goes to
     * {@code REVIEW}.
     */
    public ResidenceChangeDecision decide(ResidenceChange c, LocalDate today) {
        Objects.requireNonNull(c, "change");
        Objects.requireNonNull(today, "today");
        if (c.assistanceType() == AssistanceType.TEMPORARY) {
            return decision(Action.NOT_APPLICABLE, null,
                    "临时救助为一次性救助，不涉及停发或属地变更。",
                    "Temporary assistance is given once: there are no payments to stop and no case to transfer.");
        }
        if (c.assistanceType() == null || c.movedOn() == null || c.recipient() == null) {
            return review("报告缺少救助类型、迁居日期或救助对象，无法判断。",
                    "The report lacks the assistance type, the move date or the recipient; it cannot be decided.");
        }
        Optional<Division> managing = registry.find(c.managingTownship()).filter(d -> d.level() == Level.TOWNSHIP);
        Optional<Division> moved = registry.find(c.newResidenceDivision());
        Optional<Division> hukou = registry.find(c.recipient().hukouDivision())
                .filter(d -> d.level() == Level.TOWNSHIP || d.level() == Level.COUNTY);
        if (managing.isEmpty() || moved.isEmpty() || hukou.isEmpty()) {
            return review("管理地、新居住地或户籍地代码不在区划表（" + registry.vintage() + "年版）中，无法判断。",
                    "The managing township, new residence or hukou code is not in the division list ("
                            + registry.vintage() + "); it cannot be decided.");
        }
        Division home = managing.get();
        Division now = moved.get();
        String county = home.countyCode();
        String countyName = registry.find(county).map(Division::name).orElse(county);
        if (now.code().equals(home.code())) {
            return decision(Action.NOT_APPLICABLE, null,
                    "新居住地仍是管理地镇（街道）" + describe(home) + "，不属于迁居。",
                    "The new residence is still the managing township " + describe(home) + ": no real move.");
        }
        boolean hukouInCounty = hukou.get().countyCode().equals(county);
        Boolean movedInCounty = inCounty(now, county);
        if (movedInCounty == null) {
            return review("新居住地只填写到" + describe(now) + "，无法判断是否离开" + countyName
                            + "，请填写新居住地的镇（街道）代码。",
                    "The new residence is given only as " + describe(now) + ", which does not tell whether the"
                            + " recipient left " + countyName + "; give the township code of the new residence.");
        }
        LocalDate reached = Dates.reachedOn(c.movedOn(), MONTHS_AWAY);
        boolean due = !today.isBefore(reached);
        String type = c.assistanceType().chineseName();
        String typeEn = c.assistanceType().englishName();
        if (!hukouInCounty && !movedInCounty) {
            if (due) {
                return decision(Action.SUSPEND_PAYMENT, null,
                        "持非本县（市、区）户籍的" + type + "对象自 " + c.movedOn() + " 起离开" + countyName + "居住，至 "
                                + reached + " 已满3个月：应办理停发手续并书面告知救助对象。",
                        "The " + typeEn + " recipient, whose hukou is outside " + countyName + ", has lived outside"
                                + " the county since " + c.movedOn() + ", 3 months on " + reached + ": stop the"
                                + " payments and notify the recipient in writing.");
            }
            return recheck(reached, "离开" + countyName + "居住未满3个月，" + reached + " 满3个月后再判断是否停发。",
                    "Outside " + countyName + " for less than 3 months; decide on suspending the payments on "
                            + reached + ".");
        }
        if (hukouInCounty && movedInCounty) {
            if (now.level() != Level.TOWNSHIP) {
                return review("对象在" + countyName + "内迁居，但新居住地只填写到县级，请填写新居住地的镇（街道）代码。",
                        "The recipient moved within " + countyName + " but the new residence is given only as the"
                                + " county; give the township code of the new residence.");
            }
            if (due) {
                return decision(Action.TRANSFER_CASE, null,
                        "持本县户籍的" + type + "对象自 " + c.movedOn() + " 起在县内" + describe(now) + "居住，至 " + reached
                                + " 已满3个月：原居住地应向县（市、区）民政局申报，将救助对象属地变更为" + now.name() + "。",
                        "The " + typeEn + " recipient, whose hukou is in the county, has lived at " + describe(now)
                                + " in the county since " + c.movedOn() + ", 3 months on " + reached + ": ask the"
                                + " county bureau to transfer the case to that township.");
            }
            return recheck(reached, "在县内新居住地居住未满3个月，" + reached + " 满3个月后再判断是否变更属地。",
                    "At the new place in the county for less than 3 months; decide on transferring the case on "
                            + reached + ".");
        }
        if (!hukouInCounty) {
            return review("户籍不在" + countyName + "的对象在县内迁居至" + describe(now)
                            + "，方案只规定本县户籍对象的属地变更，请人工决定。",
                    "The recipient's hukou is outside " + countyName + " and they moved within the county to "
                            + describe(now) + "; the plan provides case transfers only for recipients with hukou in"
                            + " the county: a person decides.");
        }
        return review("持本县户籍的对象迁出" + countyName + "至" + describe(now)
                        + "，方案只规定非本县户籍对象离县停发，请人工决定。",
                "The recipient's hukou is in " + countyName + " and they moved out of the county to " + describe(now)
                        + "; the plan stops payments only for recipients with hukou elsewhere: a person decides.");
    }

    /** TRUE inside the county, FALSE outside, null when the code covers the county and more (city, province). */
    private static Boolean inCounty(Division d, String county) {
        if (d.countyCode() != null) {
            return d.countyCode().equals(county);
        }
        return county.startsWith(d.code()) ? null : Boolean.FALSE;
    }

    private static String describe(Division d) {
        return d.code() + " " + d.name();
    }

    private static ResidenceChangeDecision decision(Action action, LocalDate recheckOn, String zh, String en) {
        return new ResidenceChangeDecision(action, recheckOn, zh + PolicyError.SEPARATOR + en);
    }

    private static ResidenceChangeDecision recheck(LocalDate on, String zh, String en) {
        return decision(Action.RECHECK_LATER, on, zh, en);
    }

    private static ResidenceChangeDecision review(String zh, String en) {
        return decision(Action.REVIEW, null, zh, en);
    }
}
