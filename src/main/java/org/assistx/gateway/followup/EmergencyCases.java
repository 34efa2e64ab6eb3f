package org.assistx.gateway.followup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.assistx.gateway.Code;
import org.assistx.gateway.delivery.NoticeService;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.policy.EmergencyKind;
import org.assistx.gateway.policy.PolicyDecision;
import org.assistx.gateway.policy.VerificationRequest;
import org.assistx.gateway.tracking.StoredJson;
import org.assistx.gateway.tracking.VerificationRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * R4: an emergency is helped at once where it happened; an {@code EMERGENCY_AID_NOTICE} goes to the hukou
 * place when it is known, is not the township itself and a partner covers it; the township completes the
 * formalities (person, reason, amount, handler signatures and seals) within
 * {@code assistx.policy.emergency-backfill-days} calendar days of the day the case was recorded, and open
 * backfills past that are flagged overdue.
 */
@Service
public class EmergencyCases {

    /** The completed formalities: who signed, why, how much (two decimals), when, and that it was sealed. */
    public record Backfill(List<String> handlers, String reason, String amount, LocalDate completedOn,
            boolean sealed) {
    }

    /**
     * The emergency part of a verification: its kind and day, the backfill day, whether the formalities are
     * done ({@code backfill} then holds them) or {@code overdue}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Case(String verificationId, EmergencyKind kind, LocalDate occurredOn, LocalDate backfillDue,
            boolean backfilled, boolean overdue, Backfill backfill) {
    }

    static final String PURPOSE = "急难事件先行救助告知（方案二(二)）/ emergency aid notice (plan 2(2))";

    private final EmergencyCaseRepository cases;
    private final NoticeService notices;
    private final ObjectMapper json;
    private final Clock clock;

    public EmergencyCases(EmergencyCaseRepository cases, NoticeService notices, ObjectMapper json, Clock clock) {
        this.cases = cases;
        this.notices = notices;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Registers the emergency case of a verification just stored, with the backfill day of its decision (the
     * one date the note, the case, the console and the overdue list show), and notifies the hukou place when
     * the decision routes a notice there.
     */
    public void open(VerificationRecord v, VerificationRequest r, PolicyDecision d) {
        LocalDate due = d.backfillDue();
        cases.insert(v.verificationId(), r.residenceTownship(), r.emergency().kind().name(),
                r.emergency().occurredOn(), due);
        if (d.route() != null && notices.accepts(d.route().partner(), MessageType.EMERGENCY_AID_NOTICE)) {
            ObjectNode payload = json.createObjectNode();
            payload.put("verificationId", v.verificationId());
            payload.put("township", r.residenceTownship());
            payload.put("kind", r.emergency().kind().name());
            payload.put("occurredOn", r.emergency().occurredOn().toString());
            payload.put("description", r.emergency().description());
            if (r.emergency().countyKind() != null) {
                payload.put("countyKind", r.emergency().countyKind());
            }
            payload.put("assistanceType", "TEMPORARY");
            ObjectNode person = payload.putObject("person");
            person.put("idNumber", r.applicant().idNumber());
            person.put("name", r.applicant().name());
            person.put("hukouDivision", r.applicant().hukouDivision());
            notices.send(MessageType.EMERGENCY_AID_NOTICE, new NoticeService.Addressee(d.route().partner(),
                    r.residenceTownship(), r.applicant().hukouDivision(), v.verificationId(), PURPOSE,
                    r.requestId()), payload, v.verificationId());
        }
    }

    /** Completes the formalities of an emergency case; a second identical backfill is accepted again. */
    @Transactional
    public Case backfill(String verificationId, String township, JsonNode body) {
        Case c = find(verificationId, township)
                .orElseThrow(() -> new FollowUpException(Code.NOT_FOUND, "verificationId",
                        "没有该急难救助案件。 / No such emergency case."));
        Backfill backfill = validate(body, c.occurredOn());
        if (c.backfilled()) {
            if (backfill.equals(c.backfill())) {
                return c;
            }
            throw new FollowUpException(Code.REQUEST_ID_CONFLICT, null,
                    "该案件已补齐手续，内容不同。 / This case was already completed with different details.");
        }
        cases.markBackfilled(verificationId, clock.instant(), StoredJson.write(json, backfill));
        return find(verificationId, township).orElseThrow();
    }

    private Backfill validate(JsonNode body, LocalDate occurredOn) {
        String reason = text(body, "reason", 500);
        String amount = text(body, "amount", 20);
        BigDecimal value;
        try {
            value = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw invalid("amount", "救助金额应为数字，如 800.00。", "amount must be a number such as 800.00.");
        }
        if (value.signum() <= 0 || value.scale() > 2) {
            throw invalid("amount", "救助金额应大于0，最多两位小数。", "amount must be positive with at most two decimals.");
        }
        JsonNode handlers = body.path("handlers");
        if (!handlers.isArray() || handlers.isEmpty() || handlers.size() > 10) {
            throw invalid("handlers", "请填写经办人员（签字人）姓名，1至10人。", "handlers must name 1 to 10 people who signed.");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode h : handlers) {
            if (!h.isTextual() || h.asText().isBlank() || h.asText().length() > 50
                    || h.asText().chars().anyMatch(Character::isISOControl)) {
                throw invalid("handlers", "经办人员姓名无效。", "A handler name is invalid.");
            }
            names.add(h.asText());
        }
        String completed = text(body, "completedOn", 10);
        LocalDate completedOn;
        try {
            completedOn = LocalDate.parse(completed);
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid("completedOn", "日期格式应为 年-月-日。", "completedOn must be a date yyyy-MM-dd.");
        }
        if (completedOn.isBefore(occurredOn) || completedOn.isAfter(LocalDate.now(clock))) {
            throw invalid("completedOn", "补办日期应在急难发生之后、今天之前。",
                    "completedOn must lie between the emergency and today.");
        }
        if (!body.path("sealed").isBoolean() || !body.path("sealed").asBoolean()) {
            throw invalid("sealed", "请确认已加盖公章（sealed: true）。", "Confirm the seal was affixed (sealed: true).");
        }
        return new Backfill(List.copyOf(names), reason, value.setScale(2).toPlainString(), completedOn, true);
    }

    private static String text(JsonNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > max
                || v.asText().chars().anyMatch(Character::isISOControl)) {
            throw invalid(field, "字段“" + field + "”必填，且不超过" + max + "个字符。",
                    "'" + field + "' is required, at most " + max + " characters.");
        }
        return v.asText();
    }

    private static FollowUpException invalid(String field, String chinese, String english) {
        return new FollowUpException(Code.INVALID_FIELD, field, chinese + " / " + english);
    }

    /** The emergency part of a verification's view, or empty when it is no emergency. */
    public Optional<Case> find(String verificationId, String township) {
        return cases.find(verificationId, township).map(this::view);
    }

    /** Emergency cases of a township whose formalities are still open; overdue ones flagged. */
    public List<Case> open(String township) {
        return cases.findOpen(township).stream().map(this::view).toList();
    }

    private Case view(EmergencyCaseRepository.EmergencyCase c) {
        boolean done = c.backfilledAt() != null;
        return new Case(c.verificationId(), EmergencyKind.valueOf(c.kind()), c.occurredOn(), c.backfillDue(), done,
                !done && LocalDate.now(clock).isAfter(c.backfillDue()),
                done ? StoredJson.read(json, c.backfillJson(), Backfill.class) : null);
    }
}
