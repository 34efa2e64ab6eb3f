package org.assistx.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.assistx.gateway.GatewayException;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.division.Jurisdiction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyEngineTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DivisionRegistry REGISTRY = DivisionRegistry.loadDefault();
    private static final Clock CLOCK = Clock.fixed(LocalDate.of(2026, 9, 15).atStartOfDay(CHINA).toInstant(), CHINA);
    private static final String ID = "610104199001011234";

    private final PolicyEngine engine = engine(new FakePartnerDirectory(), ProofSignatureCheck.none());

    private static PolicyEngine engine(PartnerDirectory partners, ProofSignatureCheck check) {
        return new PolicyEngine(REGISTRY, PolicySettings.demo(), partners, check, CLOCK);
    }

    private static VerificationRequest dibao(String hukou, LocalDate since, boolean declaration,
                                             ProofOfNonReceipt proof) {
        return new VerificationRequest("r-1", LocalDate.of(2026, 9, 1), "610113001",
                new Applicant(ID, "张三", hukou, HukouNature.RURAL), since, AssistanceType.DIBAO, declaration, null,
                proof, null);
    }

    private static VerificationRequest emergency(AssistanceType type) {
        return new VerificationRequest("r-2", LocalDate.of(2026, 9, 1), "610113001",
                new Applicant(ID, "张三", "440106001", HukouNature.URBAN), null, type, false,
                new Emergency(EmergencyKind.ACCIDENT, LocalDate.of(2026, 8, 31), "610113001", null), null, null);
    }

    @Test
    void saysHowLongTheResidenceIsAndMustBe() {
        PolicyDecision d = engine.evaluate(dibao("610104003", LocalDate.of(2026, 5, 1), true, null));
        assertThat(d.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RESIDENCE_TOO_SHORT);
            assertThat(e.field()).isEqualTo("residenceSince");
            assertThat(e.message()).startsWith("申请最低生活保障须在居住地居住满6个月，目前居住4个月。")
                    .contains(" / DIBAO requires at least 6 months of residence; the applicant has lived here 4 months.")
                    .contains("2026-11-01");
        });
    }

    @Test
    void writesTheYearOfTekunAsAYear() {
        VerificationRequest r = new VerificationRequest("r", LocalDate.of(2026, 9, 1), "610113001",
                new Applicant(ID, "张三", "610104003", HukouNature.URBAN), LocalDate.of(2026, 8, 1),
                AssistanceType.TEKUN, true, null, null, null);
        assertThat(engine.evaluate(r).errors()).singleElement().extracting(PolicyError::message).asString()
                .contains("申请特困人员救助供养须在居住地居住满1年（12个月），目前居住1个月。", "TEKUN requires at least 12 months (1 year)",
                        "lived here 1 month.");
    }

    @Test
    void keepsJurisdictionAndCategoryOfARefusal() {
        PolicyDecision d = engine.evaluate(dibao("610104003", LocalDate.of(2026, 1, 1), false, null));
        assertThat(d.accepted()).isFalse();
        assertThat(d.jurisdiction()).isEqualTo(Jurisdiction.CROSS_COUNTY);
        assertThat(d.category()).isEqualTo(Category.RURAL_DIBAO);
        assertThat(d.route()).isNull();
        assertThat(d.routeNote()).isNull();
    }

    @Test
    void reportsEveryRuleThatFails() {
        VerificationRequest r = new VerificationRequest("r", LocalDate.of(2022, 6, 1), "610113001",
                new Applicant(ID, "张三", "610104003", HukouNature.RURAL), LocalDate.of(2022, 5, 1),
                AssistanceType.TEKUN, false, null, null, null);
        assertThat(engine.evaluate(r).errors()).extracting(PolicyError::code).containsExactlyInAnyOrder(
                ErrorCode.BEFORE_EFFECTIVE_DATE, ErrorCode.RESIDENCE_TOO_SHORT, ErrorCode.DECLARATION_REQUIRED);
    }

    @Test
    void namesTheEffectiveDate() {
        PolicyDecision d = engine.evaluate(new VerificationRequest("r", LocalDate.of(2022, 6, 30), "610113001",
                new Applicant(ID, "张三", "610104003", HukouNature.RURAL), LocalDate.of(2021, 1, 1),
                AssistanceType.DIBAO, true, null, null, null));
        assertThat(d.errors()).singleElement().extracting(PolicyError::message).asString()
                .contains("2022-06-30", "2022-07-01");
    }

    @Test
    void followsTheConfiguredEffectiveDate() {
        PolicyEngine later = new PolicyEngine(REGISTRY, new PolicySettings(LocalDate.of(2026, 9, 2), "6101", 10),
                new FakePartnerDirectory(), ProofSignatureCheck.none(), CLOCK);
        assertThat(later.evaluate(dibao("610104003", LocalDate.of(2026, 1, 1), true, null)).errors())
                .extracting(PolicyError::code).containsExactly(ErrorCode.BEFORE_EFFECTIVE_DATE);
    }

    @Test
    void sendsSameCityChecksToTheResidenceCounty() {
        PolicyDecision d = engine.evaluate(dibao("610104003", LocalDate.of(2026, 1, 1), true, null));
        assertThat(d.route()).isEqualTo(new RouteTarget(FakePartnerDirectory.XIAN, "610113"));
        assertThat(d.routeNote()).contains("610113 雁塔区", "610104003 北关街道");
    }

    @Test
    void feedsTheResultBackToTheHukouTownshipInTheSameCounty() {
        PolicyDecision d = engine.evaluate(dibao("610113002", LocalDate.of(2026, 1, 1), true, null));
        assertThat(d.jurisdiction()).isEqualTo(Jurisdiction.CROSS_TOWNSHIP);
        assertThat(d.routeNote()).contains("反馈户籍地镇（街道）", "goes back to the hukou township");
    }

    @Test
    void fallsBackToThePartnerOfTheResidenceCounty() {
        PartnerDirectory onlyYanta = division -> division.startsWith("610113")
                ? Optional.of(new RouteTarget("yanta-bureau", "610113")) : Optional.empty();
        PolicyDecision d = engine(onlyYanta, ProofSignatureCheck.none())
                .evaluate(dibao("610104003", LocalDate.of(2026, 1, 1), true, null));
        assertThat(d.route()).isEqualTo(new RouteTarget("yanta-bureau", "610113"));
    }

    @Test
    void acceptsASameCityCaseWithoutPartnerAndSaysWhy() {
        PolicyDecision d = engine(division -> Optional.empty(), ProofSignatureCheck.none())
                .evaluate(dibao("610104003", LocalDate.of(2026, 1, 1), true, null));
        assertThat(d.accepted()).isTrue();
        assertThat(d.route()).isNull();
        assertThat(d.proceedImmediately()).isFalse();
        assertThat(d.routeNote()).contains("没有覆盖", "No partner system");
    }

    @Test
    void asksTheHukouPartnerOfAnotherProvince() {
        PolicyDecision d = engine.evaluate(dibao("330106002", LocalDate.of(2026, 1, 1), false, null));
        assertThat(d.route()).isEqualTo(new RouteTarget(FakePartnerDirectory.ZHEJIANG, "33"));
        assertThat(d.proceedImmediately()).isFalse();
    }

    @Test
    void letsTheAttachedProofAnswerWhereNoPartnerCanBeAsked() {
        PolicyEngine plain = new PolicyEngine(REGISTRY, PolicySettings.demo(), new FakePartnerDirectory(), CLOCK);
        ProofOfNonReceipt proof = new ProofOfNonReceipt("锦民证〔2026〕1号", "510104", LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 12, 31), null);
        PolicyDecision d = plain.evaluate(dibao("510104017", LocalDate.of(2026, 1, 1), false, proof));
        assertThat(d.accepted()).isTrue();
        assertThat(d.route()).isNull();
        assertThat(d.proceedImmediately()).as("only emergencies proceed immediately").isFalse();
        assertThat(d.routeNote()).contains("锦民证〔2026〕1号", "nothing is sent");
    }

    @Test
    void asksForAProofWhereNoPartnerCanBeAsked() {
        PolicyDecision d = engine.evaluate(dibao("510104017", LocalDate.of(2026, 1, 1), true, null));
        assertThat(d.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PROOF_REQUIRED);
            assertThat(e.message()).contains("510104 锦江区", "未享受社会救助证明", "proof of non-receipt");
        });
        assertThat(d.jurisdiction()).isEqualTo(Jurisdiction.CROSS_PROVINCE);
    }

    @Test
    void namesBothCountiesWhenTheProofComesFromTheWrongOne() {
        ProofOfNonReceipt proof = new ProofOfNonReceipt("锦民证〔2026〕1号", "510105", LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 12, 31), null);
        assertThat(engine.evaluate(dibao("510104017", LocalDate.of(2026, 1, 1), false, proof)).errors())
                .singleElement().extracting(PolicyError::message).asString()
                .contains("510104 锦江区", "510105 青羊区");
    }

    @Test
    void letsTheSignatureHookRefuseAProof() {
        List<ProofOfNonReceipt> seen = new ArrayList<>();
        ProofSignatureCheck check = (proof, request) -> {
            seen.add(proof);
            return proof.signedDocument() == null ? Optional.empty()
                    : Optional.of("证明签名无效。 / The proof's signature is not valid.");
        };
        PolicyEngine checking = engine(new FakePartnerDirectory(), check);
        ProofOfNonReceipt paper = new ProofOfNonReceipt("1号", "510104", LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 12, 31), null);
        ProofOfNonReceipt signed = new ProofOfNonReceipt("2号", "510104", LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 12, 31), "eyJhIjoxfQ==");
        assertThat(checking.evaluate(dibao("510104017", LocalDate.of(2026, 1, 1), false, paper)).accepted()).isTrue();
        assertThat(checking.evaluate(dibao("510104017", LocalDate.of(2026, 1, 1), false, signed)).errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROOF_INVALID);
                    assertThat(e.field()).isEqualTo("proofOfNonReceipt.signedDocument");
                });
        assertThat(seen).containsExactly(paper, signed);
    }

    @Test
    void aHookMayInsistOnASignedDocument() {
        ProofSignatureCheck required = (proof, request) -> proof.signedDocument() != null ? Optional.empty()
                : Optional.of("须附电子证明。 / A signed proof is required.");
        ProofOfNonReceipt paper = new ProofOfNonReceipt("1号", "510104", LocalDate.of(2026, 8, 1),
                LocalDate.of(2026, 12, 31), null);
        assertThat(engine(new FakePartnerDirectory(), required)
                .evaluate(dibao("510104017", LocalDate.of(2026, 1, 1), false, paper)).errors())
                .singleElement().extracting(PolicyError::field).isEqualTo("proofOfNonReceipt");
    }

    @Test
    void givesEmergencyAidAtOnceAndNotifiesTheHukouPlace() {
        PolicyDecision d = engine.evaluate(emergency(AssistanceType.TEMPORARY));
        assertThat(d.accepted()).isTrue();
        assertThat(d.jurisdiction()).isEqualTo(Jurisdiction.EMERGENCY);
        assertThat(d.category()).isEqualTo(Category.TEMPORARY);
        assertThat(d.route()).isEqualTo(new RouteTarget(FakePartnerDirectory.GUANGDONG, "44"));
        assertThat(d.proceedImmediately()).isTrue();
        // Counted from the day the case is recorded (today, 2026-09-15), not from appliedOn: one date everywhere.
        assertThat(d.backfillDue()).isEqualTo(LocalDate.of(2026, 9, 25));
        assertThat(d.routeNote()).contains("先行给予临时救助", "2026-09-25");
        assertThat(engine.emergencyBackfillDue(LocalDate.of(2026, 9, 15))).isEqualTo(LocalDate.of(2026, 9, 25));
    }

    @Test
    void letsAValidProofAnswerAtOnceEvenWhereAPartnerCoversThePlace() {
        ProofOfNonReceipt proof = new ProofOfNonReceipt("粤民证〔2026〕1号", "440106", LocalDate.of(2026, 8, 20), null,
                null);
        PolicyDecision d = engine.evaluate(dibao("440106001", LocalDate.of(2026, 1, 1), false, proof));
        assertThat(d.accepted()).isTrue();
        assertThat(d.route()).isNull();
        assertThat(d.routeNote()).contains("证明即为核查结果", "the proof is the answer");
        // A deployment may choose to ask the partner for records as well.
        PolicyEngine asking = new PolicyEngine(REGISTRY, PolicySettings.demo().withAskPartnerDespiteProof(true),
                new FakePartnerDirectory(), ProofSignatureCheck.none(), CLOCK);
        PolicyDecision asked = asking.evaluate(dibao("440106001", LocalDate.of(2026, 1, 1), false, proof));
        assertThat(asked.route()).isEqualTo(new RouteTarget(FakePartnerDirectory.GUANGDONG, "44"));
        assertThat(asked.routeNote()).contains("按本地设置", "a record of assistance received prevails");
    }

    @Test
    void refusesAProofOlderThanTheMaximumAgeWhateverItsValidity() {
        PolicyEngine strict = new PolicyEngine(REGISTRY, new PolicySettings(LocalDate.of(2022, 7, 1), "6101", 10, 30,
                false, java.util.Map.of()), new FakePartnerDirectory(), ProofSignatureCheck.none(), CLOCK);
        ProofOfNonReceipt proof = new ProofOfNonReceipt("川民证〔2026〕1号", "510104", LocalDate.of(2026, 7, 31),
                LocalDate.of(2030, 12, 31), null);
        assertThat(strict.evaluate(dibao("510104017", LocalDate.of(2026, 1, 1), false, proof)).errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROOF_INVALID);
                    assertThat(e.field()).isEqualTo("proofOfNonReceipt.issuedOn");
                    assertThat(e.message()).contains("超过30天", "more than 30 days");
                });
        assertThat(engine.evaluate(dibao("510104017", LocalDate.of(2026, 1, 1), false, proof)).accepted()).isTrue();
    }

    @Test
    void notifiesAHukouPlaceMissingFromTheListAndSaysSo() {
        VerificationRequest r = new VerificationRequest("r", LocalDate.of(2026, 9, 1), "610113001",
                new Applicant(ID, "张三", "440106999", null), null, AssistanceType.TEMPORARY, false,
                new Emergency(EmergencyKind.ACCIDENT, LocalDate.of(2026, 8, 31), "610113001", null), null, null);
        PolicyDecision d = engine.evaluate(r);
        assertThat(d.route()).isEqualTo(new RouteTarget(FakePartnerDirectory.GUANGDONG, "44"));
        String[] halves = d.routeNote().split(PolicyError.SEPARATOR, -1);
        assertThat(halves).hasSize(2);
        assertThat(halves[0]).contains("440106999", "年版区划代码中没有该代码");
        assertThat(halves[1]).contains("440106999, not in the");
    }

    @Test
    void namesTheConfiguredCountyEmergencies() {
        PolicyEngine county = new PolicyEngine(REGISTRY, PolicySettings.demo()
                .withCountyEmergencyKinds(java.util.Map.of("610113", java.util.Set.of("房屋突发险情"))),
                new FakePartnerDirectory(), ProofSignatureCheck.none(), CLOCK);
        VerificationRequest r = new VerificationRequest("r", LocalDate.of(2026, 9, 1), "610113001",
                new Applicant(ID, "张三", null, null), null, AssistanceType.TEMPORARY, false,
                new Emergency(EmergencyKind.COUNTY_DEFINED, LocalDate.of(2026, 8, 31), "610113001", null, "山体滑坡"),
                null, null);
        assertThat(county.evaluate(r).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.EMERGENCY_KIND_NOT_CONFIGURED);
            assertThat(e.message()).contains("雁塔区", "房屋突发险情", "山体滑坡");
        });
        assertThat(engine.evaluate(r).errors()).singleElement().satisfies(
                e -> assertThat(e.message()).contains("未规定其他急难紧急事件", "has defined no other emergencies"));
    }

    @Test
    void refusesEmergencyAidOtherThanTemporary() {
        PolicyDecision d = engine.evaluate(emergency(AssistanceType.DIBAO));
        assertThat(d.errors()).extracting(PolicyError::code).containsExactly(ErrorCode.EMERGENCY_TEMPORARY_ONLY);
        assertThat(d.errors().get(0).message()).contains("最低生活保障", "TEMPORARY assistance only");
        assertThat(d.proceedImmediately()).isFalse();
        assertThat(d.route()).isNull();
    }

    @Test
    void hasNoBackfillForOrdinaryApplications() {
        assertThat(engine.evaluate(dibao("610104003", LocalDate.of(2026, 1, 1), true, null)).backfillDue()).isNull();
    }

    @Test
    void refusesIncompleteRecordsWithoutThrowing() {
        VerificationRequest empty = new VerificationRequest(null, null, null, null, null, null, false, null, null,
                null);
        assertThat(engine.evaluate(empty).errors()).extracting(PolicyError::field)
                .containsExactlyInAnyOrder("appliedOn", "residenceTownship", "assistanceType", "applicant",
                        "residenceSince");
        VerificationRequest noHukou = new VerificationRequest("r", LocalDate.of(2026, 9, 1), "610113001",
                new Applicant(null, null, null, null), LocalDate.of(2026, 1, 1), AssistanceType.DIBAO, true,
                null, new ProofOfNonReceipt(null, null, null, null, null), null);
        assertThat(engine.evaluate(noHukou).errors()).extracting(PolicyError::field).containsExactlyInAnyOrder(
                "applicant.idNumber", "applicant.hukouDivision", "applicant.hukouNature",
                "proofOfNonReceipt.issuerDivision", "proofOfNonReceipt.issuedOn");
        // An emergency lifts the hukou conditions (R4); its own fields are still needed.
        VerificationRequest emergencyNoHukou = new VerificationRequest("r", LocalDate.of(2026, 9, 1), "610113001",
                new Applicant(null, null, null, null), null, AssistanceType.TEMPORARY, false,
                new Emergency(null, null, null, null), null, null);
        assertThat(engine.evaluate(emergencyNoHukou).errors()).extracting(PolicyError::field)
                .containsExactlyInAnyOrder("applicant.idNumber", "emergency.kind", "emergency.occurredOn");
        VerificationRequest strandedNoReason = new VerificationRequest("r", LocalDate.of(2026, 9, 1), "610113001",
                new Applicant(ID, "张三", null, null), null, AssistanceType.TEMPORARY, false,
                new Emergency(EmergencyKind.OTHER_STRANDED, LocalDate.of(2026, 8, 31), "610113001", null), null, null);
        assertThat(engine.evaluate(strandedNoReason).errors()).extracting(PolicyError::field)
                .containsExactly("emergency.description");
    }

    @Test
    void rechecksCodesAndIdNumbersOfRecordsBuiltElsewhere() {
        VerificationRequest r = new VerificationRequest("r", LocalDate.of(2026, 9, 1), "610113",
                new Applicant("610104199001011235", "张三", "6101", HukouNature.RURAL), LocalDate.of(2026, 1, 1),
                AssistanceType.DIBAO, true, null, null, null);
        assertThat(engine.evaluate(r).errors()).extracting(e -> e.field() + " " + e.code()).containsExactlyInAnyOrder(
                "applicant.idNumber INVALID_ID_NUMBER", "residenceTownship UNKNOWN_DIVISION",
                "applicant.hukouDivision UNKNOWN_DIVISION");
    }

    @Test
    void evaluatesTownshipsOutsideTheServedArea() {
        VerificationRequest r = new VerificationRequest("r", LocalDate.of(2026, 9, 1), "440106001",
                new Applicant(ID, "张三", "440106002", HukouNature.URBAN), LocalDate.of(2026, 1, 1),
                AssistanceType.DIBAO, true, null, null, null);
        PolicyDecision d = engine.evaluate(r);
        assertThat(d.accepted()).isTrue();
        assertThat(d.route()).isEqualTo(new RouteTarget(FakePartnerDirectory.GUANGDONG, "440106"));
        assertThat(engine.inServedArea("440106001")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"610113001, true", "610113001001, true", "610122101, true",
            "610202001, false", "440106001, false", "6101, false", "610113, false", "abc, false", "NULL, false"})
    void tellsWhetherATownshipIsServed(String township, boolean served) {
        assertThat(engine.inServedArea(township)).isEqualTo(served);
    }

    @Test
    void servesEverythingWithAnEmptyPrefix() {
        PolicyEngine everywhere = new PolicyEngine(REGISTRY, new PolicySettings(LocalDate.of(2022, 7, 1), "", 10),
                new FakePartnerDirectory());
        assertThat(everywhere.inServedArea("440106001")).isTrue();
        assertThat(everywhere.settings().servedAreaPrefix()).isEmpty();
    }

    @Test
    void validatesItsSettings() {
        assertThat(PolicySettings.demo()).isEqualTo(new PolicySettings(LocalDate.of(2022, 7, 1), "6101", 10));
        assertThatThrownBy(() -> new PolicySettings(null, "6101", 10)).isInstanceOf(GatewayException.class)
                .extracting("code").isEqualTo("INVALID_POLICY_SETTINGS");
        assertThatThrownBy(() -> new PolicySettings(LocalDate.of(2022, 7, 1), "61a", 10))
                .isInstanceOf(GatewayException.class);
        assertThatThrownBy(() -> new PolicySettings(LocalDate.of(2022, 7, 1), "6101", -1))
                .isInstanceOf(GatewayException.class);
    }

    @ParameterizedTest
    @CsvSource({"TEMPORARY, URBAN, TEMPORARY", "TEMPORARY, RURAL, TEMPORARY", "DIBAO, URBAN, URBAN_DIBAO",
            "DIBAO, RURAL, RURAL_DIBAO", "TEKUN, URBAN, URBAN_TEKUN", "TEKUN, RURAL, RURAL_TEKUN"})
    void picksTheCategoryByHukouNature(AssistanceType type, HukouNature nature, Category category) {
        assertThat(Category.of(type, nature)).isEqualTo(category);
    }

    @Test
    void knowsTheMinimumResidence() {
        assertThat(AssistanceType.TEMPORARY.minimumResidenceMonths()).isEqualTo(3);
        assertThat(AssistanceType.DIBAO.minimumResidenceMonths()).isEqualTo(6);
        assertThat(AssistanceType.TEKUN.minimumResidenceMonths()).isEqualTo(12);
    }

    @Test
    void hasExactlyTheContractErrorCodes() {
        assertThat(ErrorCode.values()).extracting(Enum::name).containsExactly("INVALID_ID_NUMBER",
                "UNKNOWN_DIVISION", "NOT_CROSS_JURISDICTION", "RESIDENCE_TOO_SHORT", "DECLARATION_REQUIRED",
                "PROOF_REQUIRED", "PROOF_INVALID", "BEFORE_EFFECTIVE_DATE", "EMERGENCY_TEMPORARY_ONLY", "INVALID_FIELD",
                "EMERGENCY_KIND_NOT_CONFIGURED");
    }
}
