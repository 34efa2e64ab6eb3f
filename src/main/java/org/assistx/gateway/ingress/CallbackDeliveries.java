package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.ingress.CallbackDeliveryRepository.Due;
import org.assistx.gateway.tracking.StoredJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
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
 */
@Component
public class CallbackDeliveries {

    private static final Logger log = LoggerFactory.getLogger(CallbackDeliveries.class);

    private final CallbackDeliveryRepository store;
    private final EnvelopeSigner signer;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration maxAge;
    private final CallbackDestinations destinations;
    /** Never follows a redirect: a 3xx is a failed attempt, so a callback cannot be bounced elsewhere. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

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

    @Scheduled(fixedDelayString = "${assistx.callbacks.poll-interval}")
    public void deliverDue() {
        Instant now = clock.instant();
        for (Due d : store.findDue(now)) {
            // Claim: only the node that moves next_attempt_at forward posts this time.
            if (store.claim(d, now.plusSeconds(60))) {
                attempt(d, now);
            }
        }
    }

    private void attempt(Due d, Instant now) {
        String error = destinations.deliveryProblem(d.url());
        try {
            if (error != null) {
                throw new java.io.IOException(error);
            }
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(d.body())).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) {
                store.markDelivered(d.id(), clock.instant());
                return;
            }
            error = "HTTP " + r.statusCode();
        } catch (java.io.IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int attempts = d.attempts() + 1;
        boolean tooOld = d.createdAt().plus(maxAge).isBefore(now);
        long backoff = Math.min(3600, 1L << Math.min(attempts, 12));
        Instant next = now.plusMillis((long) (backoff * 1000 * (0.5 + ThreadLocalRandom.current().nextDouble())));
        store.markFailed(d.id(), tooOld, attempts, error, next, clock.instant());
        log.warn("Callback {} for {} attempt {} failed ({}){}", d.id(), d.url(), attempts, error,
                tooOld ? "; given up after " + maxAge : "; retried later");
    }
}
