package org.assistx.gateway.chaos;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the gateway's H2 store says once the gateway process is gone (H2 lets one process open a file):
 * each verification's state, and what the partner simulators took, by request message id
 * ({@code simulator_reply}). Opened read-only, so reading changes nothing.
 */
final class StoreLedger {

    /** A verification as stored. */
    record Verification(String id, String status, String reason, String partner) {
    }

    /**
     * @param verifications      by verification id
     * @param duplicated         verifications whose effect a partner saw twice: a partner took more than one
     *                           distinct request message for it, or more than one answer was stored as valid
     * @param retriedMessages    outbound messages tried more than once
     * @param effectsByPartner   requests each partner took (one per request message id)
     * @param strayEffects       partner effects for a message the gateway never stored (never expected)
     */
    record Snapshot(Map<String, Verification> verifications, Set<String> duplicated, int retriedMessages,
            Map<String, Integer> effectsByPartner, int strayEffects) {

        long inFlight() {
            return verifications.values().stream().filter(v -> v.status().matches("ACCEPTED|SENT")).count();
        }
    }

    private StoreLedger() {
    }

    static Snapshot read(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.resolve("h2").resolve("assistx") + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            Map<String, Verification> verifications = new HashMap<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT verification_id, status, status_reason, route_partner FROM verification")) {
                while (rs.next()) {
                    verifications.put(rs.getString(1), new Verification(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4)));
                }
            }
            Set<String> duplicated = new HashSet<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT m.verification_id FROM simulator_reply r JOIN message m ON m.message_id = r.request_message_id
                     GROUP BY m.verification_id HAVING COUNT(DISTINCT r.request_message_id) > 1
                    UNION
                    SELECT verification_id FROM message WHERE direction = 'IN' AND status <> 'DUPLICATE'
                     GROUP BY verification_id HAVING COUNT(*) > 1""")) {
                while (rs.next()) {
                    duplicated.add(rs.getString(1));
                }
            }
            int retried = count(s, "SELECT COUNT(*) FROM message WHERE direction = 'OUT' AND attempts > 1");
            Map<String, Integer> effects = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("SELECT partner, COUNT(*) FROM simulator_reply GROUP BY partner")) {
                while (rs.next()) {
                    effects.put(rs.getString(1), rs.getInt(2));
                }
            }
            int stray = count(s, "SELECT COUNT(*) FROM simulator_reply r LEFT JOIN message m "
                    + "ON m.message_id = r.request_message_id WHERE m.message_id IS NULL");
            return new Snapshot(verifications, duplicated, retried, effects, stray);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the gateway's store under " + dataDir, e);
        }
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
