package org.assistx.gateway.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Who follows a verification's status changes ({@code status_subscription}): a reply queue or a callback URL. */
@Repository
public class StatusSubscriptionRepository {

    private static final Logger log = LoggerFactory.getLogger(StatusSubscriptionRepository.class);

    /** One subscriber: the queue or URL, and the correlation id to answer with (queues only). */
    public record Subscriber(String address, String correlationId) {
    }

    private final JdbcTemplate jdbc;

    public StatusSubscriptionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Subscribes an address on a channel, once: a second subscription of the same address is ignored. */
    public void subscribe(String verificationId, String channel, String address, String correlationId, Instant at) {
        try {
            jdbc.update("INSERT INTO status_subscription (verification_id, channel, address, correlation_id, "
                    + "created_at) VALUES (?,?,?,?,?)", verificationId, channel, address, correlationId,
                    Timestamp.from(at));
        } catch (DuplicateKeyException alreadySubscribed) {
            log.debug("{} {} already follows verification {}", channel, address, verificationId);
        }
    }

    public List<Subscriber> subscribers(String verificationId, String channel) {
        return jdbc.query("SELECT address, correlation_id FROM status_subscription WHERE verification_id = ? "
                + "AND channel = ?", (rs, n) -> new Subscriber(rs.getString("address"), rs.getString("correlation_id")),
                verificationId, channel);
    }
}
