package org.assistx.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRecord.Direction;
import org.assistx.gateway.tracking.MessageRecord.MessageStatus;
import org.assistx.gateway.tracking.MessageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The township inbox: notices ({@code APPROVAL_RESULT_NOTICE}, {@code EMERGENCY_AID_NOTICE},
 * {@code PAYMENT_SUSPENSION_NOTICE}, {@code CASE_TRANSFER_REQUEST}) other member gateways sent to our
 * townships, checked by {@link ExchangeInbound} and taken once by message id. The envelope is kept in the
 * message store ({@code IN}); {@code GET /api/v1/inbox} lists a township's own.
 */
@Service
public class ExchangeInbox {

    private static final Logger log = LoggerFactory.getLogger(ExchangeInbox.class);

    /** One notice as a township reads it. */
    public record Entry(String messageId, String type, String sender, String memberId, String township,
            Instant receivedAt, JsonNode payload) {
    }

    private final ExchangeRepository store;
    private final MessageRepository messages;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    public ExchangeInbox(ExchangeRepository store, MessageRepository messages, TransactionTemplate tx,
            ObjectMapper json, Clock clock) {
        this.store = store;
        this.messages = messages;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /** Stores a checked notice for the township {@code addressing} names (null: for operators only). */
    ExchangeReceipt take(Envelope notice, DirectoryMember member, Function<Envelope, String> addressing) {
        Optional<ExchangeReceipt> held = alreadyHeld(notice);
        if (held.isPresent()) {
            return held.get();
        }
        String township = addressing.apply(notice);
        Instant now = clock.instant();
        try {
            tx.executeWithoutResult(status -> {
                messages.insert(new MessageRecord(notice.messageId(), null, Direction.IN, notice.type().name(),
                        member.id(), notice.header().sender(), notice.header().recipient(), notice.text(),
                        notice.signedDigest(), null, MessageStatus.RECEIVED, 1, null, now, now));
                store.insertNotice(new ExchangeRepository.Notice(notice.messageId(), member.id(), notice.type().name(),
                        notice.header().sender(), notice.header().recipient(), township, notice.signedDigest(), now));
            });
        } catch (DuplicateKeyException race) {
            return alreadyHeld(notice).orElseThrow(() -> ExchangeInbound.replayed(notice));
        }
        log.info("Exchange: {} {} from member {} is in the inbox of {}", notice.type(), notice.messageId(),
                member.id(), township == null ? "(no township: operators only)" : township);
        return new ExchangeReceipt(notice.messageId(), ExchangeReceipt.ACCEPTED, null);
    }

    private Optional<ExchangeReceipt> alreadyHeld(Envelope notice) {
        Optional<ExchangeRepository.Notice> earlier = store.findNotice(notice.messageId());
        if (earlier.isPresent()) {
            if (!earlier.get().signedDigest().equals(notice.signedDigest())) {
                throw ExchangeInbound.replayed(notice);
            }
            return Optional.of(new ExchangeReceipt(notice.messageId(), ExchangeReceipt.ALREADY_HELD, null));
        }
        if (messages.find(notice.messageId()).isPresent()) {
            throw ExchangeInbound.replayed(notice);
        }
        return Optional.empty();
    }

    /** The notices addressed to {@code township}, newest first, with their payloads. */
    public List<Entry> forTownship(String township, int limit) {
        return entries(store.noticesFor(township, limit));
    }

    /** The newest notices of every township, for operators. */
    public List<Entry> recent(int limit) {
        return entries(store.recentNotices(limit));
    }

    private List<Entry> entries(List<ExchangeRepository.Notice> notices) {
        return notices.stream().map(n -> new Entry(n.messageId(), n.type(), n.sender(), n.memberId(), n.township(),
                n.receivedAt(), messages.find(n.messageId()).map(m -> Envelope.parse(json, m.envelope()).payload())
                        .orElse(json.nullNode()))).toList();
    }
}
