package org.assistx.gateway.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.division.Jurisdiction;

/**
 * The residence policy of RULES.md for one request: effective date (R5), emergencies (R4), jurisdiction
 * (R1, R6–R8), minimum residence (R2), category (R3), declaration and proof (R6–R8), and the route.
 * Plain Java with no side effects: the same engine answers {@code /verifications} and
 * {@code /policy/evaluate}.
 */
public final class PolicyEngine {

    private final DivisionRegistry divisions;
    private final PolicySettings settings;
    private final PartnerDirectory partners;
    private final Clock clock;

    public PolicyEngine(DivisionRegistry divisions, PolicySettings settings, PartnerDirectory partners, Clock clock) {
        this.divisions = divisions;
        this.settings = settings;
        this.partners = partners;
        this.clock = clock;
    }

    /** Whether a township lies in the area this deployment serves. */
    public boolean inServedArea(String residenceTownship) {
        return residenceTownship != null && residenceTownship.startsWith(settings.servedAreaPrefix());
    }

    public PolicyDecision evaluate(VerificationRequest r) {
        List<PolicyError> errors = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        if (r.appliedOn().isBefore(settings.effectiveDate())) {
            errors.add(PolicyError.of(ErrorCode.BEFORE_EFFECTIVE_DATE, "appliedOn",
                    "申请日期早于本方案施行日期（" + settings.effectiveDate() + "），不适用居住地申办。",
                    "The application date is before the plan took effect (" + settings.effectiveDate()
                            + "); residence-based application does not apply."));
        }
        if (r.appliedOn().isAfter(today)) {
            errors.add(PolicyError.of(ErrorCode.INVALID_FIELD, "appliedOn", "申请日期不能晚于今天。",
                    "The application date cannot be in the future."));
        }
        Category category = Category.of(r.assistanceType(), r.applicant().hukouNature());
        if (r.emergency() != null) {
            return emergency(r, errors, today);
        }
        Optional<Jurisdiction> relation = divisions.classify(r.applicant().hukouDivision(), r.residenceTownship());
        if (relation.isEmpty()) {
            errors.add(PolicyError.of(ErrorCode.NOT_CROSS_JURISDICTION, "applicant.hukouDivision",
                    "户籍与居住地在同一镇（街道），请按本地户籍居民的程序办理。",
                    "The hukou is in the same township as the residence; handle it as a local resident's case."));
            return PolicyDecision.refused(errors);
        }
        Jurisdiction jurisdiction = relation.get();
        residence(r, errors);
        RouteTarget route = null;
        String note;
        if (jurisdiction == Jurisdiction.CROSS_TOWNSHIP || jurisdiction == Jurisdiction.CROSS_COUNTY) {
            if (!r.declarationOfNonReceipt()) {
                errors.add(PolicyError.of(ErrorCode.DECLARATION_REQUIRED, "declarationOfNonReceipt",
                        "户籍在本市其他镇（街道）或县（区）的申请人须申明未在户籍地享受救助。",
                        "An applicant whose hukou is elsewhere in this city must declare receiving no assistance there."));
            }
            // Plan 四(一)/(二): the residence township sends to its own county bureau, which checks the hukou place.
            Optional<RouteTarget> partner = partners.partnerCovering(r.applicant().hukouDivision());
            String residenceCounty = DivisionRegistry.countyOf(r.residenceTownship());
            route = partner.map(p -> new RouteTarget(p.partner(), residenceCounty)).orElse(null);
            note = route == null
                    ? "没有可核查户籍地的县级民政局接口 / no county bureau interface covers the hukou place"
                    : "由居住地县（区）民政局核查户籍地救助情况 / the residence county bureau checks the hukou place";
            if (route == null) {
                errors.add(PolicyError.of(ErrorCode.UNKNOWN_DIVISION, "applicant.hukouDivision",
                        "本网关没有可核查该户籍地的县级民政局接口，请联系运维人员。",
                        "No county bureau interface covers this hukou place; contact the operators."));
            }
        } else {
            Optional<RouteTarget> partner = partners.partnerCovering(r.applicant().hukouDivision());
            if (r.proofOfNonReceipt() != null) {
                proof(r, errors, today);
                note = "申请人已提交户籍地县级民政部门出具的未享受救助证明 / the applicant supplied the hukou county's proof";
            } else if (partner.isPresent()) {
                route = partner.get();
                note = "向覆盖户籍地的外部系统请求电子证明 / an electronic proof is requested from the system covering the hukou place";
            } else {
                errors.add(PolicyError.of(ErrorCode.PROOF_REQUIRED, "proofOfNonReceipt",
                        "户籍在外市或外省，须提供户籍地县（区）民政部门出具的未享受社会救助证明。",
                        "The hukou is in another city or province: a proof of non-receipt from the hukou county's "
                                + "civil-affairs department is required."));
                note = null;
            }
        }
        if (!errors.isEmpty()) {
            return PolicyDecision.refused(errors);
        }
        return new PolicyDecision(List.of(), jurisdiction, category, route, note, false);
    }

    private PolicyDecision emergency(VerificationRequest r, List<PolicyError> errors, LocalDate today) {
        if (r.assistanceType() != AssistanceType.TEMPORARY) {
            errors.add(PolicyError.of(ErrorCode.EMERGENCY_TEMPORARY_ONLY, "assistanceType",
                    "急难情形只能先行给予临时救助，" + r.assistanceType().chinese() + "须按一般程序申请。",
                    "An emergency allows temporary assistance only; " + r.assistanceType()
                            + " follows the ordinary procedure."));
        }
        if (r.emergency().occurredOn().isAfter(r.appliedOn()) || r.emergency().occurredOn().isAfter(today)) {
            errors.add(PolicyError.of(ErrorCode.INVALID_FIELD, "emergency.occurredOn",
                    "急难发生日期不能晚于申请日期。", "The emergency cannot have happened after the application date."));
        }
        if (!r.emergency().township().equals(r.residenceTownship())) {
            errors.add(PolicyError.of(ErrorCode.INVALID_FIELD, "emergency.township",
                    "急难事件应由发生地镇（街道）受理：请由" + r.emergency().township() + "提出申请。",
                    "The township where the emergency happened handles it: " + r.emergency().township()
                            + " must apply."));
        }
        if (!errors.isEmpty()) {
            return PolicyDecision.refused(errors);
        }
        RouteTarget notice = partners.partnerCovering(r.applicant().hukouDivision()).orElse(null);
        return new PolicyDecision(List.of(), Jurisdiction.EMERGENCY, Category.TEMPORARY, notice,
                "急难发生地先行救助，事后补齐手续 / help first where it happened, formalities later", true);
    }

    /** R2: full calendar months from the residence start to the application date. */
    private void residence(VerificationRequest r, List<PolicyError> errors) {
        if (r.residenceSince().isAfter(r.appliedOn())) {
            errors.add(PolicyError.of(ErrorCode.INVALID_FIELD, "residenceSince", "居住起始日期不能晚于申请日期。",
                    "The residence start cannot be after the application date."));
            return;
        }
        int required = r.assistanceType().minimumResidenceMonths();
        if (r.appliedOn().isBefore(r.residenceSince().plusMonths(required))) {
            int actual = fullMonths(r.residenceSince(), r.appliedOn());
            errors.add(PolicyError.of(ErrorCode.RESIDENCE_TOO_SHORT, "residenceSince",
                    "申请" + r.assistanceType().chinese() + "须在居住地居住满" + required + "个月，目前居住" + actual + "个月。",
                    r.assistanceType() + " requires at least " + required + " months of residence; the applicant has lived here "
                            + actual + " month" + (actual == 1 ? "" : "s") + "."));
        }
    }

    /** Full calendar months from {@code from} to {@code to}, with month-end clamping (03-31 + 3 = 06-30). */
    public static int fullMonths(LocalDate from, LocalDate to) {
        int months = (int) Period.between(from, to).toTotalMonths();
        while (!from.plusMonths(months + 1L).isAfter(to)) {
            months++;
        }
        while (months > 0 && from.plusMonths(months).isAfter(to)) {
            months--;
        }
        return months;
    }

    /** R8: a proof from the hukou county, issued by the application date and still valid then. */
    private void proof(VerificationRequest r, List<PolicyError> errors, LocalDate today) {
        ProofOfNonReceipt p = r.proofOfNonReceipt();
        String hukouCounty = DivisionRegistry.countyOf(r.applicant().hukouDivision());
        if (!p.issuerDivision().equals(hukouCounty)) {
            errors.add(PolicyError.of(ErrorCode.PROOF_INVALID, "proofOfNonReceipt.issuerDivision",
                    "证明须由户籍地县（区）民政部门（" + hukouCounty + "）出具，而该证明出具单位为" + p.issuerDivision() + "。",
                    "The proof must come from the hukou county (" + hukouCounty + "), not from " + p.issuerDivision() + "."));
        }
        if (p.issuedOn().isAfter(r.appliedOn()) || p.issuedOn().isAfter(today)) {
            errors.add(PolicyError.of(ErrorCode.PROOF_INVALID, "proofOfNonReceipt.issuedOn",
                    "证明的出具日期晚于申请日期。", "The proof is dated after the application."));
        }
        if (p.validUntil().isBefore(r.appliedOn())) {
            errors.add(PolicyError.of(ErrorCode.PROOF_INVALID, "proofOfNonReceipt.validUntil",
                    "证明已于" + p.validUntil() + "过期。", "The proof expired on " + p.validUntil() + "."));
        }
        if (p.validUntil().isBefore(p.issuedOn())) {
            errors.add(PolicyError.of(ErrorCode.PROOF_INVALID, "proofOfNonReceipt.validUntil",
                    "证明的有效期早于出具日期。", "The proof's validity ends before it was issued."));
        }
    }
}
