package org.assistx.gateway.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.assistx.gateway.delivery.EgressOutbox;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.tracking.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells operators about verifications that passed their business deadline ({@link Deadlines}), each once:
 *
 * <ul>
 *   <li>a WARN log event per verification, {@code OVERDUE_VERIFICATION verification=… partner=… dueAt=…}
 *       (for sites that alert on logs), and the counter {@code assistx_overdue_alerts_total};</li>
 *   <li>when {@code assistx.ops.alerts.webhook-url} is set, one JSON POST per round listing the newly overdue
 *       ones, signed by the gateway like an envelope (header type {@code VERIFICATIONS_OVERDUE}), so the
 *       receiver can check it came from this gateway. Applicants appear masked only.</li>
 * </ul>
 *
 * A verification counts as announced once its log event is written and, if a webhook is configured, the
 * webhook answered 2xx; until then the next round tries again ({@code overdue_alert} keeps what was sent,
 * across restarts). The gauge {@code assistx_verifications_overdue} ({@link OpsGauges}) shows the count.
 *
 * <p>The route {@code core-schedule-overdue-alerts} runs a round every {@code assistx.ops.alerts.interval};
 * the webhook POST is the route {@code core-egress-overdue-alerts} ({@link EgressOutbox}, camel-http).
 */
@Component
public class OverdueAlerts implements EgressOutbox {

    /** Route that POSTs one round's alert to the webhook. */
    static final String EGRESS = "direct:core-egress-overdue-alerts";
    /** Exchange property: how many verifications the alert lists. */
    private static final String ITEMS = "assistxOverdueItems";

    private static final Logger log = LoggerFactory.getLogger(OverdueAlerts.class);

    private final Deadlines deadlines;
    private final OverdueAlertRepository announced;
    private final OpsProperties ops;
    private final EnvelopeSigner signer;
    private final ObjectMapper json;
    private final Clock clock;
    private final Counter alerts;
    private final ProducerTemplate camel;
    private final ClusterJobs jobs;

    public OverdueAlerts(Deadlines deadlines, OverdueAlertRepository announced, OpsProperties ops, EnvelopeSigner gatewaySigner,
            ObjectMapper json, Clock clock, MeterRegistry meters, ProducerTemplate camel, ClusterJobs jobs) {
        this.jobs = jobs;
        this.deadlines = deadlines;
        this.announced = announced;
        this.ops = ops;
        this.signer = gatewaySigner;
        this.json = json;
        this.clock = clock;
        this.camel = camel;
        this.alerts = Counter.builder("assistx.overdue.alerts")
                .description("Verifications announced to operators as past their business deadline").register(meters);
    }

    /** The periodic round (route core-schedule-overdue-alerts), on one node at a time across the cluster. */
    public void scheduled() {
        try {
            jobs.once("overdue-alerts", this::announce);
        } catch (RuntimeException e) {
            log.warn("Overdue alerts not sent this round: {}", OpsEvents.summarise(e));
        }
    }

    /** Announces the verifications newly past their deadline; returns those announced in this round. */
    public synchronized List<Deadlines.Item> announce() {
        List<Deadlines.Item> fresh = new ArrayList<>();
        for (Deadlines.Item item : deadlines.report().overdue()) {
            if (!announced.announced(item.verificationId())) {
                fresh.add(item);
            }
        }
        if (fresh.isEmpty()) {
            return fresh;
        }
        Optional<URI> webhook = ops.alerts().webhook();
        if (webhook.isPresent() && !post(webhook.get(), fresh)) {
            return List.of();
        }
        Instant now = clock.instant();
        String channels = webhook.isPresent() ? "LOG,WEBHOOK" : "LOG";
        for (Deadlines.Item item : fresh) {
            log.warn("OVERDUE_VERIFICATION verification={} status={} partner={} township={} applicant={} dueAt={} "
                    + "hoursOverdue={}", item.verificationId(), item.status(), item.partner(), item.residenceTownship(),
                    item.applicant(), item.dueAt(), item.hoursOverdue());
            announced.insert(item.verificationId(), item.dueAt(), now, channels);
            alerts.increment();
        }
        return fresh;
    }

    /** Sends one round's alert through {@code core-egress-overdue-alerts}; true when the webhook answered 2xx. */
    private boolean post(URI url, List<Deadlines.Item> items) {
        Exchange sent = camel.send(EGRESS, e -> {
            e.setProperty(URL, url.toString());
            e.getMessage().setBody(items);
        });
        return Boolean.TRUE.equals(sent.getProperty(DELIVERED, Boolean.class));
    }

    /** The alert of one round: the newly overdue verifications, signed by the gateway like an envelope. */
    @Override
    @SuppressWarnings("unchecked")
    public void sign(Exchange exchange) {
        List<Deadlines.Item> items = exchange.getMessage().getBody(List.class);
        exchange.setProperty(ITEMS, items.size());
        ObjectNode payload = json.createObjectNode();
        payload.put("deadlineWorkingDays", ops.deadlineWorkingDays());
        ArrayNode list = payload.putArray("overdue");
        items.forEach(i -> list.add(json.valueToTree(i)));
        exchange.getMessage().setBody(signer.signLikeEnvelope("VERIFICATIONS_OVERDUE", "OPERATIONS", null,
                clock.instant(), payload).toString());
    }

    @Override
    public void record(Exchange exchange) {
        int status = EgressOutbox.status(exchange);
        if (status / 100 == 2) {
            exchange.setProperty(DELIVERED, true);
            return;
        }
        log.warn("Overdue alert webhook {} answered {}; {} alert(s) wait for the next round",
                exchange.getProperty(URL), status, exchange.getProperty(ITEMS));
    }

    @Override
    public void failed(Exchange exchange) {
        log.warn("Overdue alert webhook {} not reached ({}); {} alert(s) wait for the next round",
                exchange.getProperty(URL), EgressOutbox.problem(exchange), exchange.getProperty(ITEMS));
    }
}
