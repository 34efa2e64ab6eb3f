package org.assistx.gateway.simulator;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Idempotent receipt on the simulated partner's side: the first answer to a request message id is kept,
 * and a repeated request gets that same answer with no second effect.
 */
@Component
public class SimulatorReplies {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SimulatorReplies(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String answerOnce(String partner, String requestMessageId, Supplier<String> answer) {
        Optional<String> earlier = find(partner, requestMessageId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        String reply = answer.get();
        try {
            jdbc.update("INSERT INTO simulator_reply (partner, request_message_id, reply, created_at) VALUES (?,?,?,?)",
                    partner, requestMessageId, reply, Timestamp.from(clock.instant()));
            return reply;
        } catch (DuplicateKeyException raced) {
            return find(partner, requestMessageId).orElseThrow(() -> raced);
        }
    }

    /** How many distinct requests this partner has answered (the effects it had). */
    public int answered(String partner) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM simulator_reply WHERE partner = ?", Integer.class, partner);
        return n == null ? 0 : n;
    }

    private Optional<String> find(String partner, String requestMessageId) {
        return jdbc.queryForList("SELECT reply FROM simulator_reply WHERE partner = ? AND request_message_id = ?",
                String.class, partner, requestMessageId).stream().findFirst();
    }
}
