package org.assistx.gateway.delivery;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRecord.MessageStatus;
import org.assistx.gateway.tracking.MessageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code core-notice-dispatch}: load a stored notice and hand its signed envelope to the
 * partner's transport; mark it delivered when the partner took it. A notice failing for good is marked
 * FAILED and dead-lettered; it never changes the verification it belongs to.
 */
@Component("noticePipeline")
public class NoticePipeline implements DeliveryPipeline {

    @Override
    public PartnerDelivery.Kind kind() {
        return PartnerDelivery.Kind.NOTICE;
    }


    private static final Logger log = LoggerFactory.getLogger(NoticePipeline.class);

    private final MessageRepository messages;
    private final PartnerRegistry partners;

    public NoticePipeline(MessageRepository messages, PartnerRegistry partners) {
        this.messages = messages;
        this.partners = partners;
    }

    /**
     * The notice whose message id is the body, unless it needs no delivery (unknown, delivered or failed):
     * then the exchange is marked {@link Exchanges#SKIP}.
     */
    Optional<MessageRecord> stillToDeliver(Exchange exchange) {
        String messageId = exchange.getMessage().getBody(String.class);
        Optional<MessageRecord> found = messages.find(messageId);
        if (found.isEmpty() || found.get().status() != MessageStatus.PENDING) {
            log.info("Notice {} needs no delivery ({})", messageId,
                    found.map(m -> m.status().name()).orElse("unknown id"));
            exchange.setProperty(Exchanges.SKIP, true);
            return Optional.empty();
        }
        return found;
    }

    @Override
    public void sign(Exchange exchange) {
        Optional<MessageRecord> found = stillToDeliver(exchange);
        if (found.isEmpty()) {
            return;
        }
        MessageRecord notice = found.get();
        String messageId = notice.messageId();
        PartnerRegistry.Partner partner = partners.get(notice.partner());
        exchange.setProperty(Exchanges.QUEUED_AT, messages.enqueuedAt(messageId).orElse(notice.createdAt()));
        exchange.setProperty(Exchanges.PARTNER_ID, partner.id());
        exchange.setProperty(Exchanges.TRANSPORT, partner.descriptor().transport().route());
        exchange.setProperty(Exchanges.REQUEST_MESSAGE_ID, messageId);
        exchange.getMessage().setBody(notice.envelope());
    }

    /** Just before the call (the partner's breaker let it through): counts the attempt. */
    @Override
    public void dispatch(Exchange exchange) {
        messages.countAttempt(exchange.getProperty(Exchanges.REQUEST_MESSAGE_ID, String.class));
    }

    @Override
    public void record(Exchange exchange) {
        String messageId = exchange.getProperty(Exchanges.REQUEST_MESSAGE_ID, String.class);
        messages.updateStatus(messageId, MessageStatus.DELIVERED, null);
        log.info("Notice {} delivered to {}", messageId, exchange.getProperty(Exchanges.PARTNER_ID));
    }
}
