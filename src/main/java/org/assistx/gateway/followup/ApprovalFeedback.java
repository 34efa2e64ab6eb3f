package org.assistx.gateway.followup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.assistx.gateway.Code;
import org.assistx.gateway.delivery.NoticeService;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.mapping.Amount;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.StoredJson;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.assistx.gateway.tracking.VerificationStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * R6: once the residence township has decided a case it checked at the hukou place, the decision goes back
 * to the hukou township as a signed {@code APPROVAL_RESULT_NOTICE} through the partner that answered.
 * Allowed for answered same-city checks (R6, and R7 where the plan is silent but the hukou place keeps
 * its records straight the same way), and for checks another city's gateway of the federation answered (its
 * hukou township is reached the same way, and learns of the grant that rules out a second one there; see
 * docs/policy.md). An approval states its amount with the period:
 * DIBAO and TEKUN a {@code monthlyAmount} ({@code period} {@code MONTH}); temporary assistance is one-off, an
 * optional {@code amount} with {@code period} {@code ONCE} and never a monthly amount, so the hukou township
 * does not read a one-off payment as monthly.
 */
@Service
public class ApprovalFeedback {

    /**
     * A recorded decision, as fed back: {@code monthlyAmount} (DIBAO, TEKUN) or the optional one-off
     * {@code amount} (TEMPORARY) with their {@code period}, only for an approval; absent fields are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(String decision, LocalDate decidedOn, String monthlyAmount, String amount, String period,
            String note) {
    }

    /** The decision a township recorded on its verification and the signed notice that carried it. */
    public record Approval(Decision decision, String noticeMessageId) {
    }

    static final String PURPOSE = "救助审批结果反馈户籍地（方案四(一)）/ approval result fed back to the hukou township";
    private static final Set<String> DECISIONS = Set.of("APPROVED", "REJECTED");
    private static final String PERIOD_ONCE = Amount.ONCE;
    private static final String PERIOD_MONTH = Amount.MONTH;

    private final VerificationRepository verifications;
    private final NoticeService notices;
    private final ApprovalDecisionRepository decisions;
    private final ObjectMapper json;
    private final Clock clock;
    private final PartnerRegistry partners;

    public ApprovalFeedback(VerificationRepository verifications, NoticeService notices,
            ApprovalDecisionRepository decisions, ObjectMapper json, Clock clock, PartnerRegistry partners) {
        this.partners = partners;
        this.verifications = verifications;
        this.notices = notices;
        this.decisions = decisions;
        this.json = json;
        this.clock = clock;
    }

    /** Whether a member gateway of the federation (the hukou city's) answered the verification. */
    private boolean answeredByMember(VerificationRecord v) {
        return partners.find(v.routePartner()).map(p -> p.descriptor().answersLater()).orElse(false);
    }

    /** Records the decision and sends the notice; the same decision again returns the first answer. */
    @Transactional
    public Approval decide(String verificationId, String township, JsonNode body) {
        VerificationRecord v = verifications.find(verificationId).filter(x -> x.residenceTownship().equals(township))
                .orElseThrow(() -> new FollowUpException(Code.NOT_FOUND, "verificationId",
                        "没有该核查。 / No such verification."));
        boolean temporary = "TEMPORARY".equals(StoredJson.read(json, v.requestJson()).path("assistanceType").asText());
        Decision decision = validate(body, temporary);
        Optional<Approval> earlier = find(verificationId);
        if (earlier.isPresent()) {
            if (earlier.get().decision().equals(decision)) {
                return earlier.get();
            }
            throw new FollowUpException(Code.REQUEST_ID_CONFLICT, null,
                    "该核查已反馈过不同的审批结果。 / A different decision was already fed back for this verification.");
        }
        if (v.status() != VerificationStatus.ANSWERED || !"NOT_RECEIVING".equals(v.outcome())
                || v.routePartner() == null
                || !(Set.of("CROSS_TOWNSHIP", "CROSS_COUNTY").contains(v.jurisdiction()) || answeredByMember(v))) {
            throw new FollowUpException(Code.NOT_APPLICABLE, "verificationId",
                    "只有核查结果为未享受救助的本市户籍案件（或由户籍地城市网关核查的案件）才需反馈审批结果。 / Only cases "
                            + "answered NOT_RECEIVING in this city, or by the hukou city's gateway, are fed back to "
                            + "the hukou township.");
        }
        JsonNode request = StoredJson.read(json, v.requestJson());
        String hukouTownship = request.path("applicant").path("hukouDivision").asText();
        ObjectNode payload = json.createObjectNode();
        payload.put("verificationId", verificationId);
        payload.put("residenceTownship", township);
        payload.set("person", request.path("applicant").deepCopy());
        payload.put("assistanceType", request.path("assistanceType").asText());
        payload.put("category", v.category());
        payload.setAll((ObjectNode) json.valueToTree(decision));
        MessageRecord notice = notices.send(MessageType.APPROVAL_RESULT_NOTICE, new NoticeService.Addressee(
                v.routePartner(), township, hukouTownship, verificationId, PURPOSE, v.requestId()), payload,
                verificationId);
        decisions.insert(verificationId, decision.decision(), decision.decidedOn(), StoredJson.write(json, decision),
                notice.messageId(), clock.instant());
        return find(verificationId).orElseThrow();
    }

    public Optional<Approval> find(String verificationId) {
        return decisions.find(verificationId).map(d -> new Approval(
                StoredJson.read(json, d.decisionJson(), Decision.class), d.noticeMessageId()));
    }

    private Decision validate(JsonNode body, boolean temporary) {
        String decision = body.path("decision").asText("");
        if (!DECISIONS.contains(decision)) {
            throw invalid("decision", "审批结果应为 APPROVED（批准）或 REJECTED（不予批准）。",
                    "decision must be APPROVED or REJECTED.");
        }
        LocalDate decidedOn;
        try {
            decidedOn = LocalDate.parse(body.path("decidedOn").asText(""));
        } catch (DateTimeParseException e) {
            throw invalid("decidedOn", "审批日期应为 年-月-日。", "decidedOn must be a date yyyy-MM-dd.");
        }
        if (decidedOn.isAfter(LocalDate.now(clock))) {
            throw invalid("decidedOn", "审批日期不能晚于今天。", "decidedOn cannot be in the future.");
        }
        String monthlyAmount = null;
        String amount = null;
        String period = null;
        if ("APPROVED".equals(decision) && temporary) {
            if (present(body, "monthlyAmount")) {
                throw invalid("monthlyAmount", "临时救助是一次性救助，不填每月金额；如需填写金额，请填 amount（一次性发放金额）。",
                        "Temporary assistance is one-off: give no monthlyAmount; give the one-off amount as amount.");
            }
            period(body, PERIOD_ONCE);
            period = PERIOD_ONCE;
            if (present(body, "amount")) {
                amount = amount(body, "amount", "一次性救助金额应大于0，最多两位小数，如 1500.00。",
                        "amount must be positive with at most two decimals, e.g. 1500.00.");
            }
        } else if ("APPROVED".equals(decision)) {
            if (present(body, "amount")) {
                throw invalid("amount", "低保、特困按月发放，请填写每月救助金额 monthlyAmount。",
                        "DIBAO and TEKUN are paid monthly: give monthlyAmount.");
            }
            period(body, PERIOD_MONTH);
            monthlyAmount = amount(body, "monthlyAmount", "批准时请填写每月救助金额，如 850.00。",
                    "An approval needs the monthly amount, e.g. 850.00.");
            period = PERIOD_MONTH;
        }
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && (!note.isTextual() || note.asText().length() > 500)) {
            throw invalid("note", "备注不超过500字。", "note is at most 500 characters.");
        }
        return new Decision(decision, decidedOn, monthlyAmount, amount, period,
                note == null || note.isNull() ? null : note.asText());
    }

    private static boolean present(JsonNode body, String field) {
        return body.hasNonNull(field);
    }

    /** A positive amount with at most two decimals, as text with two decimals. */
    private static String amount(JsonNode body, String field, String chinese, String english) {
        try {
            BigDecimal amount = new BigDecimal(body.path(field).asText(""));
            if (amount.signum() <= 0 || amount.scale() > 2) {
                throw new NumberFormatException();
            }
            return amount.setScale(2).toPlainString();
        } catch (NumberFormatException e) {
            throw invalid(field, chinese, english);
        }
    }

    /** A given {@code period} must be the one the assistance type is paid in. */
    private static void period(JsonNode body, String expected) {
        if (present(body, "period") && !expected.equals(body.path("period").asText())) {
            throw invalid("period", PERIOD_ONCE.equals(expected) ? "临时救助的发放周期只能是 ONCE（一次性）。"
                    : "低保、特困的发放周期只能是 MONTH（按月）。", "period must be " + expected + " here.");
        }
    }

    private static FollowUpException invalid(String field, String chinese, String english) {
        return new FollowUpException(Code.INVALID_FIELD, field, chinese + " / " + english);
    }
}
