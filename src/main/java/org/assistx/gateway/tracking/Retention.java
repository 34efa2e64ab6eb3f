package org.assistx.gateway.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import org.assistx.gateway.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention job ({@code core-schedule-retention}, once across the nodes through {@link ClusterJobs}): deletes
 * what is older than its period ({@code assistx.retention.*}, docs/ops-runbook.md "Retention"), in batches of
 * {@code batch-size}, each in its own transaction, at most {@code max-batches} per kind and run.
 *
 * <ol>
 *   <li>The audit chain is cut from its oldest end ({@link AuditLog#cut}): the leading entries older than the
 *       audit period whose records may go too — an operator action, an earlier cut, or a message whose
 *       verification may go ({@link RetentionRepository}). The cut stops at the first entry that must stay, so
 *       the kept chain is unbroken and checks from the stored cut; the message and action rows go with their
 *       entries.</li>
 *   <li>Verifications that may go and whose messages have left the chain, with every row of theirs.</li>
 *   <li>Refusals older than their period.</li>
 * </ol>
 * A verification that is not final, or has an outbound message or a callback still pending, is never deleted.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** What one run deleted. */
    public record Result(int auditEntries, int messages, int operatorActions, int verifications, int refusals) {
    }

    private final RetentionRepository store;
    private final AuditLog audit;
    private final ClusterJobs jobs;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RetentionProperties settings;

    public Retention(RetentionRepository store, AuditLog audit, ClusterJobs jobs,
            PlatformTransactionManager transactions, Clock clock, RetentionProperties settings) {
        this.store = store;
        this.audit = audit;
        this.jobs = jobs;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.settings = settings;
    }

    /** The scheduled run: here, unless another node runs it now; nothing when retention is switched off. */
    public void scheduled() {
        if (settings.enabled()) {
            jobs.once("retention", () -> run(clock.instant()));
        }
    }

    /** Deletes what is past its period at {@code now}. */
    public Result run(Instant now) {
        Instant verificationCutoff = now.minus(settings.verifications());
        Instant auditCutoff = now.minus(settings.audit());
        int[] rows = {0, 0};   // messages and operator actions that left with their audit entries
        int entries = inBatches(() -> {
            int[] done = cutChain(auditCutoff, verificationCutoff);
            rows[0] += done[1];
            rows[1] += done[2];
            return done[0];
        });
        int verifications = inBatches(() -> store.deleteVerifications(
                store.verificationsThatMayGo(verificationCutoff, settings.batchSize())));
        Instant refusalCutoff = now.minus(settings.refusals());
        int refusals = inBatches(() -> store.deleteRefusals(refusalCutoff, settings.batchSize()));
        Result result = new Result(entries, rows[0], rows[1], verifications, refusals);
        if (entries + verifications + refusals > 0) {
            log.info("Retention deleted {} audit entries ({} messages, {} operator actions), {} verifications, "
                    + "{} refusals", entries, rows[0], rows[1], verifications, refusals);
        }
        return result;
    }

    /**
     * Runs a batch, each in its own transaction, until one deletes fewer than {@code batch-size} or
     * {@code max-batches} ran; returns how many it deleted in all.
     */
    private int inBatches(IntSupplier batch) {
        int total = 0;
        for (int i = 0; i < settings.maxBatches(); i++) {
            int n = tx.execute(s -> batch.getAsInt());
            total += n;
            if (n < settings.batchSize()) {
                break;
            }
        }
        return total;
    }

    /** One batch of the chain's oldest entries that may go, cut; returns entries, messages, actions. */
    private int[] cutChain(Instant auditCutoff, Instant verificationCutoff) {
        List<AuditLog.Entry> oldest = audit.oldest(settings.batchSize());
        List<String> messageIds = oldest.stream().filter(e -> e.kind() == AuditLog.Kind.MESSAGE)
                .map(AuditLog.Entry::refId).toList();
        Set<String> messagesMayGo = store.messagesThatMayGo(messageIds, verificationCutoff);
        List<AuditLog.Entry> prefix = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (AuditLog.Entry e : oldest) {
            if (e.kind() == null || !Instant.parse(e.recordedAt()).isBefore(auditCutoff)) {
                break;
            }
            if (e.kind() == AuditLog.Kind.MESSAGE) {
                if (!messagesMayGo.contains(e.refId())) {
                    break;
                }
                messages.add(e.refId());
            } else if (e.kind() == AuditLog.Kind.OPERATOR_ACTION) {
                actions.add(e.refId());
            }
            prefix.add(e);
        }
        if (prefix.isEmpty()) {
            return new int[] {0, 0, 0};
        }
        int[] rows = new int[2];
        audit.cut(prefix, () -> {
            rows[0] = store.deleteMessages(messages);
            rows[1] = store.deleteOperatorActions(actions);
        });
        return new int[] {prefix.size(), rows[0], rows[1]};
    }
}
