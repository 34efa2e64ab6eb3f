package org.assistx.gateway.partner;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business deadline of a verification (DESIGN §3.6): due at the end of the N-th working day (China
 * Standard Time) after the day it was accepted, N from its route — the partner descriptor's
 * {@code deadlineWorkingDays}, else {@code assistx.ops.deadline-working-days}. Working days come from the
 * {@link WorkingDayCalendar} (public holidays and 调休 working weekends of the years it covers, Monday to
 * Friday otherwise). One still waiting for its answer (ACCEPTED or SENT) after that is overdue; the township
 * sees it in its verification, operators in {@code /api/v1/ops/overdue} and the overdue alerts.
 */
public class BusinessDeadlines {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** A verification's deadline as the township reads it. */
    public record Deadline(int workingDays, Instant dueAt, boolean overdue) {
    }

    private static final Logger log = LoggerFactory.getLogger(BusinessDeadlines.class);

    private final int deploymentWorkingDays;
    private final PartnerRegistry partners;
    private final WorkingDayCalendar calendar;

    /**
     * @param deploymentWorkingDays the deployment's working days for a route without its own
     *     ({@code assistx.ops.deadline-working-days}, bound by the operations settings)
     * @param calendarFile          file of public holidays and 调休 working weekends
     *     ({@code assistx.ops.working-day-calendar}); empty or null: the built-in calendar
     */
    public BusinessDeadlines(int deploymentWorkingDays, String calendarFile, PartnerRegistry partners, Clock clock) {
        this.deploymentWorkingDays = deploymentWorkingDays;
        this.partners = partners;
        this.calendar = WorkingDayCalendar.load(calendarFile);
        int year = LocalDate.now(clock.withZone(CHINA)).getYear();
        log.info("Working days from {}: holidays of {}", calendar.origin(), calendar.sources().keySet());
        for (int missing : calendar.missing(year, year + 1)) {
            log.warn("The working-day calendar {} has no holidays for {}: deadlines in {} count Monday to Friday;"
                    + " add the year from the State Council's notice (assistx.ops.working-day-calendar)",
                    calendar.origin(), missing, missing);
        }
    }

    /** The calendar deadlines are counted in. */
    public WorkingDayCalendar calendar() {
        return calendar;
    }

    /** Working days a verification routed to this partner has (the deployment's for none or an unknown one). */
    public int workingDays(String partnerId) {
        return partnerId == null ? deploymentWorkingDays : partners.find(partnerId)
                .map(p -> p.descriptor().deadlineWorkingDays()).filter(d -> d != null)
                .orElse(deploymentWorkingDays);
    }

    /** The fewest working days of any route: no verification accepted less than this many days ago is overdue. */
    public int shortest() {
        return partners.all().stream().map(p -> p.descriptor().deadlineWorkingDays()).filter(d -> d != null)
                .reduce(deploymentWorkingDays, Math::min);
    }

    public Deadline of(String partnerId, Instant acceptedAt, boolean waiting, Instant now) {
        int days = workingDays(partnerId);
        Instant due = due(acceptedAt, days, calendar);
        return new Deadline(days, due, waiting && due.isBefore(now));
    }

    /** The end of the N-th working day after the day of acceptance (China Standard Time), by this calendar. */
    public Instant due(Instant accepted, int workingDays) {
        return due(accepted, workingDays, calendar);
    }

    /** The end of the N-th working day after the day of acceptance (China Standard Time). */
    public static Instant due(Instant accepted, int workingDays, WorkingDayCalendar calendar) {
        LocalDate day = accepted.atZone(CHINA).toLocalDate();
        int left = workingDays;
        while (left > 0) {
            day = day.plusDays(1);
            if (calendar.isWorkingDay(day)) {
                left--;
            }
        }
        return ZonedDateTime.of(day.plusDays(1).atStartOfDay(), CHINA).toInstant();
    }
}
