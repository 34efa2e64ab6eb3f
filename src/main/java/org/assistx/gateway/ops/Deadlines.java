package org.assistx.gateway.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.partner.BusinessDeadlines;
import org.assistx.gateway.tracking.VerificationRepository;
import org.springframework.stereotype.Component;

/**
 * Business deadlines (DESIGN §3.6): a verification still waiting for its answer (ACCEPTED or SENT) is due
 * at the end of its route's working days after it was accepted ({@link BusinessDeadlines}: the partner's
 * {@code deadlineWorkingDays}, else {@code assistx.ops.deadline-working-days}). An emergency
 * (PROCEED_IMMEDIATELY, R4) stays open until its formalities are backfilled, due on the backfill day of its
 * emergency case ({@code assistx.policy.emergency-backfill-days} after it was accepted).
 */
@Component
public class Deadlines {

    static final ZoneId CHINA = BusinessDeadlines.CHINA;

    /** A verification past (or near) its deadline. */
    public record Item(String verificationId, String requestId, String status, String jurisdiction,
            String partner, String residenceTownship, String applicant, Instant acceptedAt, Instant dueAt,
            boolean overdue, long hoursOverdue) {
    }

    /**
     * Overdue verifications and open emergencies.
     *
     * @param deadlineWorkingDays the deployment's deadline; a partner may declare its own
     */
    public record Report(Instant generatedAt, int deadlineWorkingDays, List<Item> overdue, List<Item> openEmergencies) {
    }

    private final VerificationRepository verifications;
    private final OpsProperties ops;
    private final BusinessDeadlines deadlines;
    private final Clock clock;

    public Deadlines(VerificationRepository verifications, OpsProperties ops, BusinessDeadlines deadlines, Clock clock) {
        this.verifications = verifications;
        this.ops = ops;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    public Report report() {
        Instant now = clock.instant();
        // N working days never come sooner than N calendar days: read only rows at least that old.
        Instant oldest = now.minus(java.time.Duration.ofDays(deadlines.shortest()));
        List<Item> overdue = new ArrayList<>();
        for (VerificationRepository.Waiting w : verifications.findWaitingAcceptedBefore(oldest)) {
            Instant due = deadlines.due(w.acceptedAt(), deadlines.workingDays(w.routePartner()));
            if (due.isBefore(now)) {
                overdue.add(item(w, due, now));
            }
        }
        List<Item> emergencies = new ArrayList<>();
        // Emergency cases whose formalities are not yet backfilled (followup.EmergencyCases), due at the end
        // of their backfill day.
        for (VerificationRepository.Waiting w : verifications.findOpenEmergencies()) {
            Instant due = w.backfillDue().plusDays(1).atStartOfDay(CHINA).toInstant();
            emergencies.add(item(w, due, now));
        }
        return new Report(now, ops.deadlineWorkingDays(), overdue, emergencies);
    }

    public long overdueCount() {
        return report().overdue().size();
    }

    private static Item item(VerificationRepository.Waiting w, Instant due, Instant now) {
        boolean late = due.isBefore(now);
        return new Item(w.verificationId(), w.requestId(), w.status(), w.jurisdiction(), w.routePartner(),
                w.residenceTownship(), w.applicantMasked(), w.acceptedAt(), due, late,
                late ? java.time.Duration.between(due, now).toHours() : 0);
    }
}
