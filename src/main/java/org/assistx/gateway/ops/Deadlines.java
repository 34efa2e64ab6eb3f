package org.assistx.gateway.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.config.OpsProperties;
import org.assistx.gateway.tracking.BusinessDeadlines;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final JdbcTemplate jdbc;
    private final OpsProperties ops;
    private final BusinessDeadlines deadlines;
    private final Clock clock;

    public Deadlines(JdbcTemplate jdbc, OpsProperties ops, BusinessDeadlines deadlines, Clock clock) {
        this.jdbc = jdbc;
        this.ops = ops;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    public Report report() {
        Instant now = clock.instant();
        // N working days never come sooner than N calendar days: read only rows at least that old.
        Instant oldest = now.minus(java.time.Duration.ofDays(deadlines.shortest()));
        List<Item> overdue = new ArrayList<>();
        jdbc.query(SELECT + "WHERE status IN ('ACCEPTED','SENT') AND created_at < ? ORDER BY created_at", rs -> {
            Instant accepted = rs.getTimestamp("created_at").toInstant();
            Instant due = deadlines.due(accepted, deadlines.workingDays(rs.getString("route_partner")));
            if (due.isBefore(now)) {
                overdue.add(item(rs, accepted, due, now));
            }
        }, Timestamp.from(oldest));
        List<Item> emergencies = new ArrayList<>();
        // Emergency cases whose formalities are not yet backfilled (followup.EmergencyCases), due at the end
        // of their backfill day.
        jdbc.query("SELECT v.verification_id, v.request_id, v.status, v.jurisdiction, v.route_partner, "
                + "v.residence_township, v.applicant_masked, v.created_at, e.backfill_due FROM verification v "
                + "JOIN emergency_case e ON e.verification_id = v.verification_id WHERE e.backfilled_at IS NULL "
                + "ORDER BY e.backfill_due", rs -> {
                    Instant accepted = rs.getTimestamp("created_at").toInstant();
                    Instant due = rs.getDate("backfill_due").toLocalDate().plusDays(1).atStartOfDay(CHINA).toInstant();
                    emergencies.add(item(rs, accepted, due, now));
                });
        return new Report(now, ops.deadlineWorkingDays(), overdue, emergencies);
    }

    public long overdueCount() {
        return report().overdue().size();
    }

    private static final String SELECT = "SELECT verification_id, request_id, status, jurisdiction, route_partner, "
            + "residence_township, applicant_masked, created_at FROM verification ";

    private static Item item(java.sql.ResultSet rs, Instant accepted, Instant due, Instant now)
            throws java.sql.SQLException {
        boolean late = due.isBefore(now);
        return new Item(rs.getString("verification_id"), rs.getString("request_id"), rs.getString("status"),
                rs.getString("jurisdiction"), rs.getString("route_partner"), rs.getString("residence_township"),
                rs.getString("applicant_masked"), accepted, due, late,
                late ? java.time.Duration.between(due, now).toHours() : 0);
    }
}
