package org.assistx.gateway.delivery;

import org.apache.camel.Exchange;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.tracking.MessageRecord.MessageStatus;
import org.assistx.gateway.tracking.MessageRepository;
import org.assistx.gateway.tracking.VerificationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens when delivery gives up: the request message is marked failed with its reason, the
 * verification becomes {@code UNDETERMINED} (the township sees it), and the route sends the envelope on to
 * the dead-letter queue with the reason. Each failed call's reason is noted on the message ({@link #attempt}).
 */
@Component("deliveryFailures")
public class DeliveryFailures {

    private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

    /** Exchange property / JMS property carrying the dead-letter reason. */
    public static final String REASON = "assistxDeadLetterReason";

    private final VerificationRepository verifications;
    private final MessageRepository messages;

    public DeliveryFailures(VerificationRepository verifications, MessageRepository messages) {
        this.verifications = verifications;
        this.messages = messages;
    }

    /** Called by the error handler before each redelivery: notes why the last call failed. */
    public void attempt(Exchange exchange) {
        String messageId = exchange.getProperty(Exchanges.REQUEST_MESSAGE_ID, String.class);
        if (messageId != null) {
            messages.noteError(messageId, reason(exchange));
        }
    }

    /** Called once delivery finally failed. */
    @Transactional
    public void deadLetter(Exchange exchange) {
        String reason = reason(exchange);
        String verificationId = exchange.getProperty(Exchanges.VERIFICATION_ID, String.class);
        String messageId = exchange.getProperty(Exchanges.REQUEST_MESSAGE_ID, String.class);
        if (messageId != null) {
            messages.updateStatus(messageId, MessageStatus.FAILED, reason);
        }
        if (verificationId != null && verifications.markUndetermined(verificationId, reason)) {
            log.warn("Verification {} is UNDETERMINED: {}", verificationId, reason);
        }
        exchange.setProperty(REASON, reason);
    }

    static String reason(Exchange exchange) {
        String givenUp = exchange.getProperty(Exchanges.GIVE_UP_REASON, String.class);
        if (givenUp != null) {
            return givenUp;
        }
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (e == null) {
            e = exchange.getException();
        }
        return describe(e);
    }

    /** A failure as a reason: the gateway's own code and message, or TRANSPORT_FAILED with the root cause. */
    static String describe(Throwable e) {
        if (e == null) {
            return "UNKNOWN";
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof GatewayException g) {
                return g.code() + ": " + g.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return Code.TRANSPORT_FAILED + ": " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
