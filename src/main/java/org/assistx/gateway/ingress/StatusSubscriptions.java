package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.assistx.gateway.tracking.StatusSubscriptionRepository;
import org.assistx.gateway.tracking.StoredJson;
import org.assistx.gateway.tracking.VerificationStatusChanged;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Townships hear about every later status change of their verification: over JMS on the queue they were
 * answered on, and over HTTP at the request's {@code callbackUrl} ({@link CallbackDeliveries}). JMS: (DESIGN §4 "Other ways in and out"): the same JSON as
 * {@code GET /api/v1/verifications/{id}} with {@code "event": "STATUS_CHANGED"}, correlated by the
 * request's correlation id. Sent after the change is committed; a township that is down finds the message
 * waiting on its queue (persistent). The GET endpoint stays the source of truth.
 */
@Component
public class StatusSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(StatusSubscriptions.class);

    static final String JMS = "JMS";
    static final String CALLBACK = "CALLBACK";

    private final StatusSubscriptionRepository subscriptions;
    private final JmsTemplate jms;
    private final VerificationView views;
    private final ObjectMapper json;
    private final CallbackDeliveries callbacks;
    private final Clock clock;

    public StatusSubscriptions(StatusSubscriptionRepository subscriptions, JmsTemplate jms, VerificationView views, ObjectMapper json,
            CallbackDeliveries callbacks, Clock clock) {
        this.subscriptions = subscriptions;
        this.jms = jms;
        this.views = views;
        this.json = json;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /** Subscribes a queue to a verification's status changes (once per queue). */
    public void subscribeQueue(String verificationId, String queue, String correlationId) {
        subscribe(verificationId, JMS, queue, correlationId);
    }

    /** Subscribes the request's callback URL to its status changes. */
    public void subscribeCallback(String verificationId, String url) {
        subscribe(verificationId, CALLBACK, url, null);
    }

    private void subscribe(String verificationId, String channel, String address, String correlationId) {
        subscriptions.subscribe(verificationId, channel, address, correlationId, clock.instant());
    }

    /**
     * Callback bodies are stored in the same transaction as the status change (before it commits), so a
     * change is never without its callback; delivery follows ({@link CallbackDeliveries}).
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    public void storeCallbacks(VerificationStatusChanged event) {
        for (StatusSubscriptionRepository.Subscriber s : subscriptions.subscribers(event.verificationId(), CALLBACK)) {
            views.detail(event.verificationId()).ifPresent(view -> {
                view.put("event", "STATUS_CHANGED");
                callbacks.store(event.verificationId(), s.address(), view.path("residenceTownship").asText(), view);
            });
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void changed(VerificationStatusChanged event) {
        for (StatusSubscriptionRepository.Subscriber s : subscriptions.subscribers(event.verificationId(), JMS)) {
            views.detail(event.verificationId()).ifPresent(view -> publish(s.address(), s.correlationId(), view));
        }
    }

    private void publish(String queue, String correlationId, ObjectNode view) {
        view.put("event", "STATUS_CHANGED");
        view.put("httpStatus", 200);
        try {
            jms.send(queue, session -> {
                var message = session.createTextMessage(StoredJson.write(json, view));
                if (correlationId != null) {
                    message.setJMSCorrelationID(correlationId);
                }
                return message;
            });
        } catch (JmsException e) {
            log.warn("Status change of {} not published to {} ({}); GET shows it", view.path("verificationId")
                    .asText(), queue, e.getMessage());
        }
    }
}
