package org.assistx.gateway.partner;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The business deadline of a verification (DESIGN §3.6): due at the end of the N-th working day (Monday to
 * Friday, China Standard Time) after the day it was accepted, N from its route — the partner descriptor's
 * {@code deadlineWorkingDays}, else {@code assistx.ops.deadline-working-days}. Public holidays are not known
 * to the gateway. One still waiting for its answer (ACCEPTED or SENT) after that is overdue; the township
 * sees it in its verification, operators in {@code /api/v1/ops/overdue}.
 */
public class BusinessDeadlines {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** A verification's deadline as the township reads it. */
    public record Deadline(int workingDays, Instant dueAt, boolean overdue) {
    }

    private final int deploymentWorkingDays;
    private final PartnerRegistry partners;

    /**
     * @param deploymentWorkingDays the deployment's working days for a route without its own
     *     ({@code assistx.ops.deadline-working-days}, bound by the operations settings)
     */
    public BusinessDeadlines(int deploymentWorkingDays, PartnerRegistry partners) {
        this.deploymentWorkingDays = deploymentWorkingDays;
        this.partners = partners;
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
        Instant due = due(acceptedAt, days);
        return new Deadline(days, due, waiting && due.isBefore(now));
    }

    /** The end of the N-th working day after the day of acceptance (China Standard Time). */
    public static Instant due(Instant accepted, int workingDays) {
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
}
