package org.assistx.gateway.ops;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Operations settings ({@code assistx.ops}): who may use the console and the operations API, and the
 * thresholds the console and the health checks use.
 *
 * @param loginRequired        true in {@code prod}: the console and {@code /api/v1/ops/**} need an operator login;
 *                             false in the demo, where an anonymous visitor acts as {@code demoOperator}
 * @param demoOperator         the name recorded for anonymous actions in the demo configuration
 * @param operators            operator accounts; passwords in Spring Security's {@code {id}hash} form
 * @param deadlineWorkingDays  business deadline of a verification (DESIGN §3.6), in working days (Mon–Fri)
 * @param partnerProbeInterval how long a partner reachability probe is reused before probing again
 * @param probeTimeout         connect timeout of one reachability probe
 * @param recentWindow         the window in which failed deliveries make a partner DEGRADED
 * @param certificateWarning   a certificate that expires within this period is reported as expiring
 * @param alerts               how operators are told about verifications that passed their deadline
 * @param workingDayCalendar   file of public holidays and 调休 working weekends (format of the built-in
 *                             {@code calendar/cn-working-days.csv}); empty: the built-in calendar
 */
@Validated
@ConfigurationProperties("assistx.ops")
public record OpsProperties(
        boolean loginRequired,
        @NotBlank String demoOperator,
        @Valid List<Operator> operators,
        @Positive int deadlineWorkingDays,
        @NotNull Duration partnerProbeInterval,
        @NotNull Duration probeTimeout,
        @NotNull Duration recentWindow,
        @NotNull Duration certificateWarning,
        @Valid Alerts alerts,
        String workingDayCalendar) {

    public OpsProperties {
        operators = operators == null ? List.of() : List.copyOf(operators);
        alerts = alerts == null ? new Alerts(Duration.ofMinutes(5), null) : alerts;
    }

    /**
     * Overdue alerts: every {@code interval} the verifications newly past their deadline are announced, each
     * once, by a log event ({@code OVERDUE_VERIFICATION}) and, when {@code webhookUrl} is set, one JSON POST
     * signed by the gateway like an envelope (type {@code VERIFICATIONS_OVERDUE}).
     */
    public record Alerts(@NotNull Duration interval, URI webhookUrl) {

        /** The webhook, unless none is configured (an empty value counts as none). */
        public java.util.Optional<URI> webhook() {
            return webhookUrl == null || webhookUrl.toString().isBlank() ? java.util.Optional.empty()
                    : java.util.Optional.of(webhookUrl);
        }
    }

    /** What an operator may do: VIEWER reads; OPERATOR also acts (replay, discard, route control). */
    public enum Role { VIEWER, OPERATOR }

    /** One operator account. */
    public record Operator(@NotBlank String username, @NotBlank String password, @NotEmpty List<Role> roles) {
    }
}
