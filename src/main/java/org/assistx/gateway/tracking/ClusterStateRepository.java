package org.assistx.gateway.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the nodes sharing this store agree on besides the messages and the operators' suspensions
 * ({@link PartnerSuspensionRepository}, which the nodes read too): the generation of the partner set an operator last reloaded
 * ({@code partner_reload}) and the partners whose circuit breaker a node opened ({@code partner_breaker}).
 */
@Repository
public class ClusterStateRepository {

    /** This process among the nodes: {@code pid@host}. */
    public static final String THIS_NODE = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcTemplate jdbc;

    public ClusterStateRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The generation of the last operator reload (0 when none was made). */
    public long reloadGeneration() {
        return jdbc.queryForList("SELECT generation FROM partner_reload WHERE id = 1", Long.class).stream()
                .findFirst().orElse(0L);
    }

    /** Records an operator's reload on {@code node}; returns the new generation. */
    public long recordReload(String node, Instant at) {
        if (jdbc.update("UPDATE partner_reload SET generation = generation + 1, reloaded_at = ?, node = ? WHERE id = 1",
                Timestamp.from(at), node) == 0) {
            try {
                jdbc.update("INSERT INTO partner_reload (id, generation, reloaded_at, node) VALUES (1, 1, ?, ?)",
                        Timestamp.from(at), node);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                return recordReload(node, at);
            }
        }
        return reloadGeneration();
    }

    /** A node's breaker for the partner opened: all nodes hold back until {@code until}. */
    public void breakerOpened(String partnerId, Instant at, Instant until, String node) {
        if (jdbc.update("UPDATE partner_breaker SET opened_at = ?, open_until = ?, node = ? WHERE partner_id = ?",
                Timestamp.from(at), Timestamp.from(until), node, partnerId) == 0) {
            try {
                jdbc.update("INSERT INTO partner_breaker (partner_id, opened_at, open_until, node) VALUES (?,?,?,?)",
                        partnerId, Timestamp.from(at), Timestamp.from(until), node);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                breakerOpened(partnerId, at, until, node);
            }
        }
    }

    /** A node's breaker for the partner closed again (its trial calls went through, or an operator resumed). */
    public void breakerClosed(String partnerId) {
        jdbc.update("DELETE FROM partner_breaker WHERE partner_id = ?", partnerId);
    }

    /** The partners some node's breaker holds back at {@code now}, with until when. */
    public Map<String, Instant> openBreakers(Instant now) {
        Map<String, Instant> open = new HashMap<>();
        jdbc.query("SELECT partner_id, open_until FROM partner_breaker WHERE open_until > ?",
                rs -> {
                    open.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }, Timestamp.from(now));
        return open;
    }
}
