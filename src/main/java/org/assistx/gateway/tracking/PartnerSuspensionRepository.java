package org.assistx.gateway.tracking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Operators' suspensions of partners ({@code partner_suspension}): at most one row per partner. */
@Repository
public class PartnerSuspensionRepository {

    /** An operator's suspension of a partner. */
    public record Suspension(String by, String reason, Instant at) {
    }

    private final JdbcTemplate jdbc;

    public PartnerSuspensionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Suspends the partner, or records the new operator, reason and time of a suspension in force. */
    public void suspend(String partnerId, String operator, String reason, Instant at) {
        if (jdbc.update("UPDATE partner_suspension SET suspended_by = ?, reason = ?, suspended_at = ? "
                + "WHERE partner_id = ?", operator, reason, Timestamp.from(at), partnerId) == 0) {
            jdbc.update("INSERT INTO partner_suspension (partner_id, suspended_by, reason, suspended_at) "
                    + "VALUES (?,?,?,?)", partnerId, operator, reason, Timestamp.from(at));
        }
    }

    public void resume(String partnerId) {
        jdbc.update("DELETE FROM partner_suspension WHERE partner_id = ?", partnerId);
    }

    /** The partners an operator suspended (one query for all, for the nodes' periodic sync). */
    public Set<String> suspendedPartners() {
        return new HashSet<>(jdbc.queryForList("SELECT partner_id FROM partner_suspension", String.class));
    }

    public Optional<Suspension> find(String partnerId) {
        return jdbc.query("SELECT suspended_by, reason, suspended_at FROM partner_suspension WHERE partner_id = ?",
                (rs, n) -> new Suspension(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), partnerId)
                .stream().findFirst();
    }
}
