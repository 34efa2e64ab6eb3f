package org.assistx.gateway.ops;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.config.OpsProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Business deadlines (DESIGN §3.6): a verification still waiting for its answer (ACCEPTED or SENT) is due
 * {@code assistx.ops.deadline-working-days} working days (Monday to Friday, China Standard Time; public
 * holidays are not yet known to the gateway) after it was accepted, at the end of that day. An emergency
 * (PROCEED_IMMEDIATELY, R4) stays open until its formalities are backfilled, due on the backfill day of its
 * emergency case ({@code assistx.policy.emergency-backfill-days} after it was accepted).
 */
@Component
public class Deadlines {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** A verification past (or near) its deadline. */
    public record Item(String verificationId, String requestId, String status, String jurisdiction,
            String partner, String residenceTownship, String applicant, Instant acceptedAt, Instant dueAt,
            boolean overdue, long hoursOverdue) {
    }

    /** Overdue verifications and open emergencies. */
    public record Report(Instant generatedAt, int deadlineWorkingDays, List<Item> overdue, List<Item> openEmergencies) {
    }

    private final JdbcTemplate jdbc;
    private final OpsProperties ops;
    private final Clock clock;

    public Deadlines(JdbcTemplate jdbc, OpsProperties ops, Clock clock) {
        this.jdbc = jdbc;
        this.ops = ops;
        this.clock = clock;
    }

    public Report report() {
        Instant now = clock.instant();
        // N working days never come sooner than N calendar days: read only rows at least that old.
        Instant oldest = now.minus(java.time.Duration.ofDays(ops.deadlineWorkingDays()));
        List<Item> overdue = new ArrayList<>();
        jdbc.query(SELECT + "WHERE status IN ('ACCEPTED','SENT') AND created_at < ? ORDER BY created_at", rs -> {
            Instant accepted = rs.getTimestamp("created_at").toInstant();
            Instant due = due(accepted, ops.deadlineWorkingDays());
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

    /** The end of the N-th working day after the day of acceptance (China Standard Time). */
    static Instant due(Instant accepted, int workingDays) {
        LocalDate day = accepted.atZone(CHINA).toLocalDate();
        int left = workingDays;
        while (left > 0) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return ZonedDateTime.of(day.plusDays(1).atStartOfDay(), CHINA).toInstant();
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
