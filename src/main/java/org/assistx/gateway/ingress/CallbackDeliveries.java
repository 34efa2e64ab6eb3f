package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.assistx.gateway.crypto.StoreCipher;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.tracking.StoredJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final JdbcTemplate jdbc;
    private final EnvelopeSigner signer;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration maxAge;
    private final StoreCipher cipher;
    private final CallbackDestinations destinations;
    /** Never follows a redirect: a 3xx is a failed attempt, so a callback cannot be bounced elsewhere. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public CallbackDeliveries(JdbcTemplate jdbc, EnvelopeSigner gatewaySigner, ObjectMapper json, Clock clock,
            @Value("${assistx.callbacks.max-age}") Duration maxAge, StoreCipher cipher,
            CallbackDestinations destinations) {
        this.jdbc = jdbc;
        this.signer = gatewaySigner;
        this.json = json;
        this.clock = clock;
        this.maxAge = maxAge;
        this.cipher = cipher;
        this.destinations = destinations;
    }

    /** Stores a signed status-change body for delivery. */
    public void store(String verificationId, String url, String township, ObjectNode view) {
        Instant now = clock.instant();
        ObjectNode body = signer.signLikeEnvelope("STATUS_CHANGED", township, verificationId, now, view);
        String callbackId = body.path("header").path("messageId").asText();
        jdbc.update("INSERT INTO callback_delivery (callback_id, verification_id, url, body, status, attempts, "
                + "next_attempt_at, created_at, updated_at) VALUES (?,?,?,?,'PENDING',0,?,?,?)",
                callbackId, verificationId, url, cipher.seal(context(callbackId), StoredJson.write(json, body)),
                Timestamp.from(now), Timestamp.from(now), Timestamp.from(now));
    }

    private static String context(String callbackId) {
        return StoreCipher.context("callback_delivery", "body", callbackId);
    }

    @Scheduled(fixedDelayString = "${assistx.callbacks.poll-interval}")
    public void deliverDue() {
        Instant now = clock.instant();
        List<Due> due = jdbc.query("SELECT callback_id, url, body, attempts, next_attempt_at, created_at "
                + "FROM callback_delivery WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at "
                + "FETCH FIRST 20 ROWS ONLY", (rs, n) -> new Due(rs.getString("callback_id"), rs.getString("url"),
                cipher.open(context(rs.getString("callback_id")), rs.getString("body")), rs.getInt("attempts"), rs.getTimestamp("next_attempt_at"),
                rs.getTimestamp("created_at").toInstant()), Timestamp.from(now));
        for (Due d : due) {
            // Claim: only the node that moves next_attempt_at forward posts this time.
            int claimed = jdbc.update("UPDATE callback_delivery SET next_attempt_at = ? WHERE callback_id = ? "
                    + "AND status = 'PENDING' AND next_attempt_at = ?", Timestamp.from(now.plusSeconds(60)),
                    d.id(), d.nextAttemptAt());
            if (claimed == 1) {
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
                jdbc.update("UPDATE callback_delivery SET status = 'DELIVERED', attempts = attempts + 1, "
                        + "updated_at = ? WHERE callback_id = ?", Timestamp.from(clock.instant()), d.id());
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
        jdbc.update("UPDATE callback_delivery SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, "
                + "updated_at = ? WHERE callback_id = ?", tooOld ? "FAILED" : "PENDING", attempts, error,
                Timestamp.from(next), Timestamp.from(clock.instant()), d.id());
        log.warn("Callback {} for {} attempt {} failed ({}){}", d.id(), d.url(), attempts, error,
                tooOld ? "; given up after " + maxAge : "; retried later");
    }

    private record Due(String id, String url, String body, int attempts, Timestamp nextAttemptAt, Instant createdAt) {
    }
}
