package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.assistx.gateway.delivery.EgressOutbox;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.ingress.CallbackDeliveryRepository.Due;
import org.assistx.gateway.tracking.StoredJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Callbacks (DESIGN §4): each status change of a verification with a {@code callbackUrl} is POSTed there as
 * a signed body shaped like an envelope ({@code header} of type {@code STATUS_CHANGED}, the GET view as
 * {@code payload}, {@code signature} over the JCS bytes of header and payload with the gateway's key). The
 * body is stored before the first attempt and retried with exponential backoff and jitter until the
 * township answers 2xx, or until {@code assistx.callbacks.max-age} has passed (then FAILED, with the last
 * error kept). Rows are claimed before each attempt, so several nodes never post one twice at once. Before
 * each attempt the host's addresses are checked again ({@link CallbackDestinations}); redirects are never
 * followed.
 *
 * <p>The route {@code core-schedule-callbacks} claims the due rows every {@code assistx.callbacks.poll-interval}
 * ({@link #claimDue}) and hands each to {@code core-egress-callbacks}, which POSTs it with camel-http
 * ({@link EgressOutbox}).
 */
@Component
public class CallbackDeliveries implements EgressOutbox {

    private static final Logger log = LoggerFactory.getLogger(CallbackDeliveries.class);
    /** Exchange property: the callback being posted. */
    static final String CALLBACK = "assistxCallback";

    private final CallbackDeliveryRepository store;
    private final EnvelopeSigner signer;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration maxAge;
    private final CallbackDestinations destinations;

    public CallbackDeliveries(CallbackDeliveryRepository store, EnvelopeSigner gatewaySigner, ObjectMapper json, Clock clock,
            @Value("${assistx.callbacks.max-age}") Duration maxAge,
            CallbackDestinations destinations) {
        this.store = store;
        this.signer = gatewaySigner;
        this.json = json;
        this.clock = clock;
        this.maxAge = maxAge;
        this.destinations = destinations;
    }

    /** Stores a signed status-change body for delivery. */
    public void store(String verificationId, String url, String township, ObjectNode view) {
        Instant now = clock.instant();
        ObjectNode body = signer.signLikeEnvelope("STATUS_CHANGED", township, verificationId, now, view);
        String callbackId = body.path("header").path("messageId").asText();
        store.insert(callbackId, verificationId, url, StoredJson.write(json, body), now);
    }

    /** The callbacks due now, each claimed for one attempt: only the node that moved its next attempt posts it. */
    public List<Due> claimDue() {
        Instant now = clock.instant();
        List<Due> claimed = new ArrayList<>();
        for (Due d : store.findDue(now)) {
            if (store.claim(d, now.plusSeconds(60))) {
                claimed.add(d);
            }
        }
        return claimed;
    }

    @Override
    public void sign(Exchange exchange) throws IOException {
        Due d = exchange.getMessage().getBody(Due.class);
        exchange.setProperty(CALLBACK, d);
        String problem = destinations.deliveryProblem(d.url());
        if (problem != null) {
            throw new IOException(problem);
        }
        exchange.setProperty(URL, d.url());
        exchange.getMessage().setBody(d.body());
    }

    @Override
    public void record(Exchange exchange) {
        Due d = exchange.getProperty(CALLBACK, Due.class);
        int status = EgressOutbox.status(exchange);
        if (status / 100 == 2) {
            store.markDelivered(d.id(), clock.instant());
            exchange.setProperty(DELIVERED, true);
            return;
        }
        retryLater(d, "HTTP " + status);
    }

    @Override
    public void failed(Exchange exchange) {
        Due d = exchange.getProperty(CALLBACK, Due.class);
        if (d == null) {
            log.warn("Callback not attempted: {}", EgressOutbox.problem(exchange));
            return;
        }
        retryLater(d, EgressOutbox.problem(exchange));
    }

    /** Records a failed attempt: tried again after an exponential backoff with jitter, or given up after max-age. */
    private void retryLater(Due d, String error) {
        Instant now = clock.instant();
        int attempts = d.attempts() + 1;
        boolean tooOld = d.createdAt().plus(maxAge).isBefore(now);
        long backoff = Math.min(3600, 1L << Math.min(attempts, 12));
        Instant next = now.plusMillis((long) (backoff * 1000 * (0.5 + ThreadLocalRandom.current().nextDouble())));
        store.markFailed(d.id(), tooOld, attempts, error, next, now);
        log.warn("Callback {} for {} attempt {} failed ({}){}", d.id(), d.url(), attempts, error,
                tooOld ? "; given up after " + maxAge : "; retried later");
    }
}
