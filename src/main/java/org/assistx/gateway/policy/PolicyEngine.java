package org.assistx.gateway.policy;

import static org.assistx.gateway.policy.JsonFields.label;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.assistx.gateway.division.Division;
import org.assistx.gateway.division.Division.Level;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.division.Jurisdiction;

/**
 * Applies rules R1–R8 of {@code policy/RULES.md} to a {@link VerificationRequest}: it only evaluates,
 * it stores and sends nothing. Thread-safe; one instance serves all requests.
 *
 * <p>Order of the checks; every check that can still be made is made, so a clerk sees all problems:
 * <ol>
 *   <li>fields the engine needs are present (for records built without the parser), ID number valid;</li>
 *   <li>dates (R5): the application is not dated in the future nor before the effective date; residence
 *       start and emergency date are not after the application;</li>
 *   <li>residence a known township;</li>
 *   <li>emergency (R4): temporary assistance only, given by the township where it happened; a
 *       county-defined emergency must be one its county configured; no hukou (place or nature at any level,
 *       or unknown), residence, declaration or proof condition; jurisdiction {@code EMERGENCY}, proceed at
 *       once; the notice goes to the hukou place only where it is known and is not the township itself;</li>
 *   <li>otherwise: hukou a known township or county; hukou in the residence township is refused (R1);
 *       minimum residence (R2); category by hukou nature (R3); same city: declaration and a check by the
 *       residence county bureau (R6, R7); other city or province: an attached, valid proof of non-receipt
 *       answers at once, else a partner to ask (R8).</li>
 * </ol>
 */
public final class PolicyEngine {

    private final DivisionRegistry registry;
    private final PolicySettings settings;
    private final PartnerDirectory partners;
    private final ProofSignatureCheck proofCheck;
    private final Clock clock;

    /** An engine with no proof signature check attached and the clock of Beijing time. */
    public PolicyEngine(DivisionRegistry registry, PolicySettings settings, PartnerDirectory partners) {
        this(registry, settings, partners, ProofSignatureCheck.none(), Dates.DEFAULT_CLOCK);
    }

    /** An engine with no proof signature check attached. */
    public PolicyEngine(DivisionRegistry registry, PolicySettings settings, PartnerDirectory partners, Clock clock) {
        this(registry, settings, partners, ProofSignatureCheck.none(), clock);
    }

    /**
     * @param proofCheck extra check of attached proofs, see {@link ProofSignatureCheck}
     * @param clock      gives "today" (read in its zone; the default is Asia/Shanghai)
     */
    public PolicyEngine(DivisionRegistry registry, PolicySettings settings, PartnerDirectory partners,
                        ProofSignatureCheck proofCheck, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.partners = Objects.requireNonNull(partners, "partners");
        this.proofCheck = Objects.requireNonNull(proofCheck, "proofCheck");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public PolicySettings settings() {
        return settings;
    }

    /**
     * Whether a township is in the area this deployment serves ({@link PolicySettings#servedAreaPrefix()}).
     * The code must be a well-formed 9 or 12-digit township code; whether it exists is the parser's
     * concern. The REST layer answers {@code 403} for townships outside.
     */
    public boolean inServedArea(String residenceTownship) {
        return DivisionRegistry.normalizeCode(residenceTownship)
                .filter(c -> c.length() == 9)
                .map(c -> c.startsWith(settings.servedAreaPrefix()))
                .orElse(false);
    }

    /**
     * For an emergency case recorded on {@code recordedOn}: the last day for registering it and completing
     * signatures and seals, {@code emergencyBackfillDays} calendar days later. The one rule for every
     * answer, the stored case, the console and the overdue list (see {@link PolicyDecision#backfillDue()}).
     */
    public LocalDate emergencyBackfillDue(LocalDate recordedOn) {
        return recordedOn.plusDays(settings.emergencyBackfillDays());
    }

    public PolicyDecision evaluate(VerificationRequest r) {
        Objects.requireNonNull(r, "request");
        List<PolicyError> errors = new ArrayList<>();
        if (!complete(r, errors)) {
            return refused(errors, null, null);
        }
        LocalDate today = LocalDate.now(clock);
        IdNumber.problem(r.applicant().idNumber(), today).ifPresent(
                p -> errors.add(new PolicyError(ErrorCode.INVALID_ID_NUMBER, "applicant.idNumber", p)));
        boolean datesInOrder = checkDates(r, today, errors);

        Division residence = known(r.residenceTownship(), "residenceTownship", errors, Level.TOWNSHIP);
        if (r.emergency() != null) {
            return emergency(r, residence, today, errors);
        }
        Division hukou = known(r.applicant().hukouDivision(), "applicant.hukouDivision", errors,
                Level.TOWNSHIP, Level.COUNTY);
        Category category = Category.of(r.assistanceType(), r.applicant().hukouNature());
        if (residence == null || hukou == null) {
            return refused(errors, null, category);
        }
        if (hukou.code().equals(residence.code())) {
            errors.add(PolicyError.of(ErrorCode.NOT_CROSS_JURISDICTION, "applicant.hukouDivision",
                    "申请人户籍就在居住地镇（街道）" + describe(residence)
                            + "，不属于户居分离，请按本地户籍居民的程序申请。",
                    "The applicant's hukou is in the residence township itself (" + describe(residence)
                            + "); this is not a residence-based application: apply as a local resident."));
            return refused(errors, null, category);
        }
        Jurisdiction jurisdiction = registry.classify(hukou.code(), residence.code());
        if (datesInOrder) {
            checkResidenceDuration(r, errors);
        }
        return switch (jurisdiction) {
            case CROSS_TOWNSHIP, CROSS_COUNTY -> sameCity(r, jurisdiction, category, residence, hukou, errors);
            case CROSS_CITY, CROSS_PROVINCE -> otherCity(r, jurisdiction, category, hukou, errors);
            case EMERGENCY -> throw new IllegalStateException("classify never answers EMERGENCY");
        };
    }

    // ------------------------------------------------------------------------------ completeness

    private static boolean complete(VerificationRequest r, List<PolicyError> errors) {
        require(r.appliedOn(), "appliedOn", errors);
        require(r.residenceTownship(), "residenceTownship", errors);
        require(r.assistanceType(), "assistanceType", errors);
        boolean emergency = r.emergency() != null;
        if (require(r.applicant(), "applicant", errors)) {
            require(r.applicant().idNumber(), "applicant.idNumber", errors);
            if (!emergency) {
                // R4 lifts the hukou conditions of an emergency; hukouNature changes nothing for TEMPORARY.
                require(r.applicant().hukouDivision(), "applicant.hukouDivision", errors);
                if (r.assistanceType() != null && r.assistanceType() != AssistanceType.TEMPORARY) {
                    require(r.applicant().hukouNature(), "applicant.hukouNature", errors);
                }
            }
        }
        if (!emergency) {
            require(r.residenceSince(), "residenceSince", errors);
        } else {
            require(r.emergency().kind(), "emergency.kind", errors);
            require(r.emergency().occurredOn(), "emergency.occurredOn", errors);
            if (r.emergency().kind() == EmergencyKind.OTHER_STRANDED) {
                require(r.emergency().description(), "emergency.description", errors);
            }
            if (r.emergency().kind() == EmergencyKind.COUNTY_DEFINED) {
                require(r.emergency().countyKind(), "emergency.countyKind", errors);
            }
        }
        ProofOfNonReceipt proof = r.proofOfNonReceipt();
        if (proof != null) {
            require(proof.issuerDivision(), "proofOfNonReceipt.issuerDivision", errors);
            require(proof.issuedOn(), "proofOfNonReceipt.issuedOn", errors);
        }
        return errors.isEmpty();
    }

    private static boolean require(Object value, String field, List<PolicyError> errors) {
        if (value == null) {
            errors.add(PolicyError.of(ErrorCode.INVALID_FIELD, field, "缺少必填项：" + label(field) + "。",
                    field + " is required."));
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------- dates

    /** R5 and the order of dates; returns whether residenceSince is not after appliedOn. */
    private boolean checkDates(VerificationRequest r, LocalDate today, List<PolicyError> errors) {
        LocalDate applied = r.appliedOn();
        if (applied.isAfter(today)) {
            errors.add(PolicyError.of(ErrorCode.INVALID_FIELD, "appliedOn",
                    "申请日期 " + applied + " 晚于今天（" + today + "），申请不能填写将来的日期。",
                    "The application date " + applied + " is after today (" + today
                            + "); an application cannot be dated in the future."));
        }
        if (applied.isBefore(settings.effectiveDate())) {
            errors.add(PolicyError.of(ErrorCode.BEFORE_EFFECTIVE_DATE, "appliedOn",
                    "申请日期 " + applied + " 早于居住地申办社会救助方案的执行日期 " + settings.effectiveDate()
                            + "，该日期以前的申请不能按居住地申办。",
                    "The application date " + applied + " is before the residence-based scheme took effect on "
                            + settings.effectiveDate() + "; earlier applications cannot be handled under it."));
        }
        boolean inOrder = true;
        if (r.residenceSince() != null && r.residenceSince().isAfter(applied)) {
            inOrder = false;
            errors.add(PolicyError.of(ErrorCode.INVALID_FIELD, "residenceSince",
                    "在居住地居住起始日期 " + r.residenceSince() + " 晚于申请日期 " + applied + "，请核对。",
                    "The residence start date " + r.residenceSince() + " is after the application date "
                            + applied + "; please check it."));
        }
        if (r.emergency() != null && r.emergency().occurredOn().isAfter(applied)) {
            errors.add(PolicyError.of(ErrorCode.INVALID_FIELD, "emergency.occurredOn",
                    "急难发生日期 " + r.emergency().occurredOn() + " 晚于申请日期 " + applied + "，请核对。",
                    "The emergency date " + r.emergency().occurredOn() + " is after the application date "
                            + applied + "; please check it."));
        }
        return inOrder;
    }

    // -------------------------------------------------------------------------------- divisions

    private Division known(String code, String field, List<PolicyError> errors, Level... levels) {
        Optional<Division> d = registry.find(code);
        if (d.isPresent() && List.of(levels).contains(d.get().level())) {
            return d.get();
        }
        boolean township = levels.length == 1;
        errors.add(PolicyError.of(ErrorCode.UNKNOWN_DIVISION, field,
                label(field) + " " + JsonFields.shown(code) + " 不是" + (township ? "9位镇（街道）代码"
                        : "9位镇（街道）代码或6位县级代码") + "（依据" + registry.vintage() + "年版统计用区划代码）。",
                field + " " + JsonFields.shown(code) + " is not " + (township ? "a 9-digit township code"
                        : "a 9-digit township or 6-digit county code") + " of the division list ("
                        + registry.vintage() + ")."));
        return null;
    }

    private static String describe(Division d) {
        return d.code() + " " + d.name();
    }

    private String describeCounty(String countyCode) {
        return registry.find(countyCode).map(PolicyEngine::describe).orElse(countyCode);
    }

    // --------------------------------------------------------------------------------- emergency

    private PolicyDecision emergency(VerificationRequest r, Division residence, LocalDate today,
                                     List<PolicyError> errors) {
        if (r.assistanceType() != AssistanceType.TEMPORARY) {
            errors.add(PolicyError.of(ErrorCode.EMERGENCY_TEMPORARY_ONLY, "assistanceType",
                    "急难事件只能按急难程序申请临时救助，不能按急难程序申请" + r.assistanceType().chineseName()
                            + "；如需申请" + r.assistanceType().chineseName() + "，请不填急难事件，按一般程序申请。",
                    "Emergencies are handled with TEMPORARY assistance only; " + r.assistanceType().englishName()
                            + " cannot be applied for through the emergency procedure: apply for it without an"
                            + " emergency, through the ordinary procedure."));
        }
        String place = r.emergency().township();
        if (place != null && residence != null) {
            Optional<Division> where = registry.find(place).filter(d -> d.level() == Level.TOWNSHIP);
            if (where.isEmpty()) {
                known(place, "emergency.township", errors, Level.TOWNSHIP);
            } else if (!where.get().code().equals(residence.code())) {
                errors.add(PolicyError.of(ErrorCode.INVALID_FIELD, "emergency.township",
                        "急难救助由急难发生地镇（街道）直接实施：急难发生在 " + describe(where.get())
                                + "，应由该镇（街道）受理，而不是 " + describe(residence) + "。",
                        "Emergency aid is given by the township where the emergency happened: it happened in "
                                + describe(where.get()) + ", so that township handles it, not "
                                + describe(residence) + "."));
            }
        }
        if (r.emergency().kind() == EmergencyKind.COUNTY_DEFINED && residence != null) {
            checkCountyKind(r.emergency().countyKind(), residence.countyCode(), errors);
        }
        if (!errors.isEmpty()) {
            return refused(errors, Jurisdiction.EMERGENCY,
                    r.assistanceType() == AssistanceType.TEMPORARY ? Category.TEMPORARY : null);
        }
        LocalDate due = emergencyBackfillDue(today);
        String formalities = "请于 " + due + " 前登记救助对象、事由和金额并补齐签字盖章手续。";
        String formalitiesEn = " Register the person, reason and amount and complete signatures and seals by "
                + due + ".";
        String first = "先行给予临时救助，无需等待核查；";
        String firstEn = "Give temporary assistance at once, without waiting for a check;";
        String hukouCode = DivisionRegistry.normalizeCode(r.applicant().hukouDivision()).orElse(null);
        String note;
        RouteTarget route = null;
        if (hukouCode == null) {
            note = first + "户籍地不详，不发送通知。" + formalities + PolicyError.SEPARATOR + firstEn
                    + " the hukou place is not known, so no notice is sent." + formalitiesEn;
        } else if (hukouCode.equals(residence.code())) {
            note = first + "户籍就在急难发生地镇（街道）" + describe(residence) + "，无需通知户籍地。" + formalities
                    + PolicyError.SEPARATOR + firstEn + " the hukou is in the township of the emergency itself ("
                    + describe(residence) + "), so no notice is sent." + formalitiesEn;
        } else {
            Optional<Division> listed = registry.find(hukouCode);
            String hukou = listed.map(PolicyEngine::describe)
                    .orElse(hukouCode + "，" + registry.vintage() + "年版区划代码中没有该代码");
            String hukouEn = listed.map(PolicyEngine::describe)
                    .orElse(hukouCode + ", not in the " + registry.vintage() + " division list");
            route = partners.partnerCovering(hukouCode).orElse(null);
            note = route != null
                    ? first + "通过对接系统 " + route.partner() + " 向户籍地（" + hukou + "）发送急难救助通知。" + formalities
                            + PolicyError.SEPARATOR + firstEn + " an emergency aid notice goes to the hukou place ("
                            + hukouEn + ") through partner " + route.partner() + "." + formalitiesEn
                    : first + "户籍地（" + hukou + "）没有对接系统，不发送通知。" + formalities + PolicyError.SEPARATOR
                            + firstEn + " no partner system covers the hukou place (" + hukouEn
                            + "), so no notice is sent." + formalitiesEn;
        }
        return new PolicyDecision(List.of(), Jurisdiction.EMERGENCY, Category.TEMPORARY, route, note, true, due);
    }

    /** A county-defined emergency (二(二)3) must be one the county of the occurrence township configured. */
    private void checkCountyKind(String countyKind, String county, List<PolicyError> errors) {
        Set<String> configured = settings.emergencyKindsOf(county);
        if (configured.contains(countyKind)) {
            return;
        }
        String list = configured.isEmpty() ? null : String.join("、", new TreeSet<>(configured));
        errors.add(PolicyError.of(ErrorCode.EMERGENCY_KIND_NOT_CONFIGURED, "emergency.countyKind",
                describeCounty(county) + (list == null ? " 未规定其他急难紧急事件" : " 规定的其他急难紧急事件为：" + list)
                        + "；" + JsonFields.shown(countyKind) + " 不在其中。请按县级人民政府的规定填写，或按其他急难事件类型申请。",
                describeCounty(county) + (list == null ? " has defined no other emergencies"
                        : " has defined these other emergencies: " + String.join(", ",
                                new TreeSet<>(configured)))
                        + "; " + JsonFields.shown(countyKind) + " is not one of them. Name one the county government"
                        + " defined, or use another emergency kind."));
    }

    // ------------------------------------------------------------------------------------ R2

    private static void checkResidenceDuration(VerificationRequest r, List<PolicyError> errors) {
        AssistanceType type = r.assistanceType();
        int required = type.minimumResidenceMonths();
        int actual = Dates.fullMonths(r.residenceSince(), r.appliedOn());
        if (actual >= required) {
            return;
        }
        LocalDate reached = Dates.reachedOn(r.residenceSince(), required);
        String zhRequired = required == 12 ? "1年（12个月）" : required + "个月";
        String enRequired = required == 12 ? "12 months (1 year)" : required + " months";
        errors.add(PolicyError.of(ErrorCode.RESIDENCE_TOO_SHORT, "residenceSince",
                "申请" + type.chineseName() + "须在居住地居住满" + zhRequired + "，目前居住" + actual + "个月。"
                        + "自 " + r.residenceSince() + " 起算，" + reached + " 居住满" + zhRequired + "。",
                type.englishName() + " requires at least " + enRequired + " of residence; the applicant has lived here "
                        + Dates.monthsEnglish(actual) + ". Counted from " + r.residenceSince() + ", the "
                        + enRequired + " are reached on " + reached + "."));
    }

    // ----------------------------------------------------------------------------- R6 and R7

    private PolicyDecision sameCity(VerificationRequest r, Jurisdiction jurisdiction, Category category,
                                    Division residence, Division hukou, List<PolicyError> errors) {
        boolean sameCounty = jurisdiction == Jurisdiction.CROSS_TOWNSHIP;
        if (!r.declarationOfNonReceipt()) {
            errors.add(PolicyError.of(ErrorCode.DECLARATION_REQUIRED, "declarationOfNonReceipt",
                    "户籍在" + (sameCounty ? "本县（市、区）其他镇（街道）" : "本市其他县（市、区）")
                            + "的申请人，须作出未在户籍地享受救助的申明（declarationOfNonReceipt 为 true）。",
                    "An applicant whose hukou is in " + (sameCounty ? "another township of this county"
                            : "another county of this city") + " must declare receiving no assistance at the hukou"
                            + " place (declarationOfNonReceipt true)."));
        }
        if (!errors.isEmpty()) {
            return refused(errors, jurisdiction, category);
        }
        String county = residence.countyCode();
        Optional<RouteTarget> partner = partners.partnerCovering(hukou.code())
                .or(() -> partners.partnerCovering(county));
        String checks = "由居住地所在县（市、区）民政局（" + describeCounty(county) + "）核查申请人在户籍地（"
                + describe(hukou) + "）申请和享受社会救助的情况";
        String checksEn = "The civil-affairs bureau of the residence county (" + describeCounty(county)
                + ") checks whether the applicant applied for or receives assistance at the hukou place ("
                + describe(hukou) + ")";
        String after = sameCounty
                ? "；未享受的按本地户籍居民程序办理，审批后将结果反馈户籍地镇（街道）。"
                : "并反馈居住地镇（街道）；未享受的按本地户籍居民程序办理。";
        String afterEn = sameCounty
                ? "; if not, the case proceeds as for a local resident and the approval result goes back to the"
                        + " hukou township."
                : " and answers the residence township; if not, the case proceeds as for a local resident.";
        if (partner.isEmpty()) {
            String note = checks + after + "没有覆盖该地的对接系统，请在网关之外将申请人信息报县（市、区）民政局。"
                    + PolicyError.SEPARATOR + checksEn + afterEn + " No partner system covers the place: send the"
                    + " applicant's data to the county bureau outside the gateway.";
            return new PolicyDecision(List.of(), jurisdiction, category, null, note, false);
        }
        RouteTarget route = new RouteTarget(partner.get().partner(), county);
        String note = checks + after + PolicyError.SEPARATOR + checksEn + afterEn;
        return new PolicyDecision(List.of(), jurisdiction, category, route, note, false);
    }

    // ------------------------------------------------------------------------------------ R8

    private PolicyDecision otherCity(VerificationRequest r, Jurisdiction jurisdiction, Category category,
                                     Division hukou, List<PolicyError> errors) {
        Optional<RouteTarget> partner = partners.partnerCovering(hukou.code());
        ProofOfNonReceipt proof = r.proofOfNonReceipt();
        String where = jurisdiction == Jurisdiction.CROSS_PROVINCE ? "外省" : "本省其他市";
        String whereEn = jurisdiction == Jurisdiction.CROSS_PROVINCE ? "another province" : "another city";
        if (proof != null) {
            checkProof(r, proof, hukou, errors);
        } else if (partner.isEmpty()) {
            errors.add(PolicyError.of(ErrorCode.PROOF_REQUIRED, "proofOfNonReceipt",
                    "户籍在" + where + "的申请人，须提供户籍地县级民政部门（" + describeCounty(hukou.countyCode())
                            + "）出具的未享受社会救助证明；该户籍地没有可在线核查的对接系统。",
                    "An applicant whose hukou is in " + whereEn + " must supply a proof of non-receipt issued"
                            + " by the civil-affairs department of the hukou county ("
                            + describeCounty(hukou.countyCode()) + "); no partner system can check that place"
                            + " online."));
        }
        if (!errors.isEmpty()) {
            return refused(errors, jurisdiction, category);
        }
        if (partner.isPresent() && (proof == null || settings.askPartnerDespiteProof())) {
            RouteTarget route = partner.get();
            String note = proof != null
                    ? "已附户籍地县级民政部门出具的未享受社会救助证明（" + proof.documentNumber() + "）；按本地设置，仍通过对接系统 "
                            + route.partner() + " 向户籍地（" + describe(hukou) + "）核查申请人的救助记录，有在享救助记录的以记录为准。"
                            + PolicyError.SEPARATOR + "A proof of non-receipt from the hukou county is attached ("
                            + proof.documentNumber() + "); as this deployment is set, the hukou place ("
                            + describe(hukou) + ") is also asked through partner " + route.partner()
                            + " for the applicant's records, and a record of assistance received prevails."
                    : "通过对接系统 " + route.partner() + " 向户籍地（" + describe(hukou)
                            + "）核查申请人的救助情况，并索取电子版未享受社会救助证明。" + PolicyError.SEPARATOR
                            + "The hukou place (" + describe(hukou) + ") is asked through partner " + route.partner()
                            + " whether the applicant receives assistance there, and for an electronic proof of"
                            + " non-receipt.";
            return new PolicyDecision(List.of(), jurisdiction, category, route, note, false);
        }
        String note = "已附户籍地县级民政部门出具的未享受社会救助证明（" + proof.documentNumber()
                + "），证明即为核查结果，无需外地核查；核实居住情况后按程序办理。" + PolicyError.SEPARATOR
                + "A proof of non-receipt from the hukou county is attached (" + proof.documentNumber()
                + "): the proof is the answer and nothing is sent; check the residence and proceed.";
        return new PolicyDecision(List.of(), jurisdiction, category, null, note, false);
    }

    private void checkProof(VerificationRequest r, ProofOfNonReceipt proof, Division hukou,
                            List<PolicyError> errors) {
        String p = "proofOfNonReceipt.";
        String hukouCounty = hukou.countyCode();
        if (!hukouCounty.equals(proof.issuerDivision())) {
            errors.add(PolicyError.of(ErrorCode.PROOF_INVALID, p + "issuerDivision",
                    "未享受社会救助证明须由户籍地县级民政部门出具：户籍地所在县为 " + describeCounty(hukouCounty)
                            + "，而证明出具单位为 " + describeCounty(proof.issuerDivision()) + "。",
                    "The proof of non-receipt must come from the civil-affairs department of the hukou county "
                            + describeCounty(hukouCounty) + "; this one was issued by "
                            + describeCounty(proof.issuerDivision()) + "."));
        }
        LocalDate applied = r.appliedOn();
        if (proof.issuedOn().isAfter(applied)) {
            errors.add(PolicyError.of(ErrorCode.PROOF_INVALID, p + "issuedOn",
                    "证明出具日期 " + proof.issuedOn() + " 晚于申请日期 " + applied + "，请核对。",
                    "The proof is dated " + proof.issuedOn() + ", after the application date " + applied
                            + "; please check it."));
        }
        int maxAge = settings.proofMaxAgeDays();
        if (!proof.issuedOn().isAfter(applied) && proof.issuedOn().plusDays(maxAge).isBefore(applied)) {
            errors.add(PolicyError.of(ErrorCode.PROOF_INVALID, p + "issuedOn",
                    "证明出具于 " + proof.issuedOn() + "，至申请日期 " + applied + " 已超过" + maxAge
                            + "天，不能反映申请人现在的情况（无论证明上的有效期如何），请申请人到户籍地重新开具。",
                    "The proof was issued on " + proof.issuedOn() + ", more than " + maxAge
                            + " days before the application date " + applied + ": it no longer shows the applicant's"
                            + " situation, whatever its validity says; the applicant needs a new one from the hukou"
                            + " county."));
        }
        LocalDate validUntil = proof.validUntil();
        // Many proofs carry no expiry: the maximum age above is then the only limit.
        if (validUntil != null && validUntil.isBefore(proof.issuedOn())) {
            errors.add(PolicyError.of(ErrorCode.PROOF_INVALID, p + "validUntil",
                    "证明有效期截止日期 " + validUntil + " 早于出具日期 " + proof.issuedOn() + "，请核对。",
                    "The proof is valid until " + validUntil + ", before its issue date "
                            + proof.issuedOn() + "; please check it."));
        } else if (validUntil != null && validUntil.isBefore(applied)) {
            errors.add(PolicyError.of(ErrorCode.PROOF_INVALID, p + "validUntil",
                    "未享受社会救助证明已于 " + validUntil + " 过期（申请日期 " + applied
                            + "），请申请人到户籍地重新开具。",
                    "The proof of non-receipt expired on " + validUntil + ", before the application date "
                            + applied + "; the applicant needs a new one from the hukou county."));
        }
        proofCheck.problem(proof, r).ifPresent(reason -> errors.add(new PolicyError(ErrorCode.PROOF_INVALID,
                proof.signedDocument() != null ? p + "signedDocument" : "proofOfNonReceipt", reason)));
    }

    private static PolicyDecision refused(List<PolicyError> errors, Jurisdiction jurisdiction, Category category) {
        return new PolicyDecision(errors, jurisdiction, category, null, null, false);
    }
}
