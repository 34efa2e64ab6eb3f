package org.assistx.gateway.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of every operator action ({@code operator_action}, append-only): what was done to what, by
 * whom, from where, why, and how it ended. A refused or failed action is recorded too.
 */
@Component
public class OperatorActions {

    private static final Logger log = LoggerFactory.getLogger(OperatorActions.class);

    /** How an action ended. */
    public enum Outcome { DONE, REFUSED, FAILED }

    /** One recorded action. */
    public record Entry(long seq, String actionId, Instant performedAt, String operator, String operatorRoles,
            boolean authenticated, String remoteAddress, String action, String targetType, String targetId,
            String verificationId, String reason, Outcome outcome, String detail) {
    }

    /** What an action is about. */
    public record Target(String action, String targetType, String targetId, String verificationId, String reason) {
    }

    /** What a completed action tells the record and its caller. */
    public record Result<T>(T value, String verificationId, String detail) {
    }

    private final OperatorActionRepository store;
    private final Clock clock;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    public OperatorActions(OperatorActionRepository store, Clock clock, AuditLog audit, TransactionTemplate tx) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.tx = tx;
    }

    /** Runs the action and records it with its outcome; a refusal or failure is recorded and rethrown. */
    public <T> T perform(Operator who, Target what, Supplier<Result<T>> action) {
        try {
            Result<T> result = action.get();
            String verificationId = result.verificationId() != null ? result.verificationId() : what.verificationId();
            record(who, what, verificationId, Outcome.DONE, result.detail());
            return result.value();
        } catch (OpsException e) {
            record(who, what, what.verificationId(), Outcome.REFUSED, e.code() + ": " + e.getMessage());
            throw e;
        } catch (GatewayException | org.springframework.core.NestedRuntimeException e) {
            record(who, what, what.verificationId(), Outcome.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    void record(Operator who, Target what, String verificationId, Outcome outcome, String detail) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        tx.executeWithoutResult(status -> {
            store.insert(id, now, who, what, verificationId, outcome, detail);
            audit.append(AuditLog.Kind.OPERATOR_ACTION, id);
        });
        log.info("Operator action {} {} {} by {} ({}): {}", what.action(), what.targetType(), what.targetId(),
                who.name(), who.authenticated() ? "signed in" : "demo operator", outcome);
    }

    public List<Entry> recent(int limit) {
        return store.recent(limit);
    }

    public List<Entry> forVerification(String verificationId) {
        return store.forVerification(verificationId);
    }
}
