package org.assistx.gateway.followup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assistx.gateway.Code;
import org.assistx.gateway.audit.Masking;
import org.assistx.gateway.delivery.NoticeService;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.policy.ResidenceChange;
import org.assistx.gateway.policy.ResidenceChangeDecision;
import org.assistx.gateway.policy.ResidenceChangeDecision.Action;
import org.assistx.gateway.policy.ResidenceChangeRules;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Daily management (R9–R11): the managing township reports a recipient's move; the rules decide; a
 * {@code SUSPEND_PAYMENT} sends a signed {@code PAYMENT_SUSPENSION_NOTICE} to the county bureau and makes a
 * written notice for the recipient; a {@code TRANSFER_CASE} sends a {@code CASE_TRANSFER_REQUEST}; a
 * {@code RECHECK_LATER} is decided again on its date by {@link RecheckScheduler} (state in the database, so
 * a restart loses nothing).
 */
@Service
public class ResidenceChanges {

    private static final Logger log = LoggerFactory.getLogger(ResidenceChanges.class);

    static final String PURPOSE_SUSPEND = "持非本县户籍离开本县居住3个月以上停发（方案五）/ payment suspension (plan 5)";
    static final String PURPOSE_TRANSFER = "县域内居住地变化属地变更（方案五）/ case transfer within the county (plan 5)";

    /**
     * A stored change and the notice (if any) it caused; {@code decidedOn} is the day it was decided to suspend
     * or transfer (stored once: the signed notice and the written notice both carry it), else {@code null}.
     */
    public record Stored(String changeId, String requestId, String requestDigest, Action action, String reason,
            LocalDate recheckOn, String noticeMessageId, ResidenceChange change, LocalDate decidedOn) {
    }

    /**
     * The answer for a stored change: the action and why; {@code recheckOn} for a change waiting for its date,
     * {@code decidedOn} and the signed notice for a suspension or transfer, and for a suspension the path of the
     * written notice for the recipient. Absent values are left out.
     */
    public record View(String changeId, String requestId, Action action, String reason,
            @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate recheckOn,
            @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate decidedOn,
            @JsonInclude(JsonInclude.Include.NON_NULL) String noticeMessageId,
            @JsonInclude(JsonInclude.Include.NON_NULL) Notice notice,
            @JsonInclude(JsonInclude.Include.NON_NULL) String recipientNotice) {
    }

    /** The state of the signed notice a change sent. */
    public record Notice(String messageId, String type, MessageRecord.MessageStatus status, int attempts) {
    }

    private final ResidenceChangeRules rules;
    private final PartnerRegistry partners;
    private final NoticeService notices;
    private final MessageRepository messages;
    private final ResidenceChangeRepository store;
    private final ObjectMapper json;
    private final Clock clock;

    public ResidenceChanges(ResidenceChangeRules rules, PartnerRegistry partners, NoticeService notices,
            MessageRepository messages, ResidenceChangeRepository store, ObjectMapper json, Clock clock) {
        this.rules = rules;
        this.partners = partners;
        this.notices = notices;
        this.messages = messages;
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** Decides and stores a new change (with its notice in the same transaction). */
    @Transactional
    public Stored report(String clientOrg, ResidenceChange change, String digest) {
        String changeId = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(clock);
        ResidenceChangeDecision d = rules.decide(change, today);
        String noticeId = act(changeId, change, d, today);
        store.insert(changeId, clientOrg, change, digest, Masking.idNumber(change.recipient().idNumber()), d,
                noticeId, noticeId == null ? null : today, clock.instant());
        log.info("Residence change {} of {}: {}", changeId, Masking.idNumber(change.recipient().idNumber()), d.action());
        return find(changeId).orElseThrow();
    }

    /** Decides again a change waiting for its 3 months; returns the new action. */
    @Transactional
    public Action recheck(String changeId) {
        Stored s = find(changeId).orElseThrow();
        if (s.action() != Action.RECHECK_LATER) {
            return s.action();
        }
        LocalDate today = LocalDate.now(clock);
        ResidenceChangeDecision d = rules.decide(s.change(), today);
        if (d.action() == Action.RECHECK_LATER) {
            return d.action();
        }
        String noticeId = act(changeId, s.change(), d, today);
        store.redecide(changeId, d, noticeId, noticeId == null ? null : today, clock.instant());
        log.info("Residence change {} re-evaluated on its date: {}", changeId, d.action());
        return d.action();
    }

    private String act(String changeId, ResidenceChange c, ResidenceChangeDecision d, LocalDate decidedOn) {
        MessageType type = switch (d.action()) {
            case SUSPEND_PAYMENT -> MessageType.PAYMENT_SUSPENSION_NOTICE;
            case TRANSFER_CASE -> MessageType.CASE_TRANSFER_REQUEST;
            default -> null;
        };
        if (type == null) {
            return null;
        }
        String county = c.managingTownship().substring(0, 6);
        PartnerRegistry.Partner bureau = partners.covering(c.managingTownship())
                .filter(p -> p.descriptor().messageTypes().contains(type))
                .orElseThrow(() -> new FollowUpException(Code.NOT_APPLICABLE, "managingTownship",
                        "没有可接收该通知的县级民政局接口。 / No county bureau interface takes this notice."));
        ObjectNode payload = json.createObjectNode();
        payload.put("changeId", changeId);
        payload.put("managingTownship", c.managingTownship());
        payload.set("recipient", json.valueToTree(c.recipient()));
        payload.put("assistanceType", c.assistanceType().name());
        payload.put("newResidenceDivision", c.newResidenceDivision());
        payload.put("movedOn", c.movedOn().toString());
        payload.put("action", d.action().name());
        payload.put("reason", d.reason());
        payload.put("effectiveOn", decidedOn.toString());
        MessageRecord notice = notices.send(type, new NoticeService.Addressee(bureau.id(), c.managingTownship(), county,
                changeId, type == MessageType.PAYMENT_SUSPENSION_NOTICE ? PURPOSE_SUSPEND : PURPOSE_TRANSFER,
                c.requestId()), payload, null);
        return notice.messageId();
    }

    public Optional<Stored> find(String changeId) {
        return store.find(changeId);
    }

    public Optional<Stored> findByRequest(String clientOrg, String requestId) {
        return store.findByRequest(clientOrg, requestId);
    }

    /** Changes whose recheck date has come. */
    public List<String> dueForRecheck(LocalDate today) {
        return store.dueForRecheck(today);
    }

    /** The answer for a stored change. */
    public View view(Stored s) {
        Notice notice = s.noticeMessageId() == null ? null : messages.find(s.noticeMessageId())
                .map(m -> new Notice(m.messageId(), m.type(), m.status(), m.attempts())).orElse(null);
        return new View(s.changeId(), s.requestId(), s.action(), s.reason(), s.recheckOn(), s.decidedOn(),
                s.noticeMessageId(), notice, s.action() == Action.SUSPEND_PAYMENT
                        ? "/api/v1/residence-changes/" + s.changeId() + "/notice" : null);
    }
}
