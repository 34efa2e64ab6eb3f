package org.assistx.gateway.ops;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** JDBC access to {@code operator_action} (append-only): one row per operator action, in order. */
@Repository
public class OperatorActionRepository {

    private static final String COLUMNS = "seq, action_id, performed_at, operator, operator_roles, authenticated, "
            + "remote_address, action, target_type, target_id, verification_id, reason, outcome, detail";

    private static final RowMapper<OperatorActions.Entry> MAPPER = (rs, n) -> new OperatorActions.Entry(
            rs.getLong("seq"), rs.getString("action_id"), rs.getTimestamp("performed_at").toInstant(),
            rs.getString("operator"), rs.getString("operator_roles"), rs.getBoolean("authenticated"),
            rs.getString("remote_address"), rs.getString("action"), rs.getString("target_type"),
            rs.getString("target_id"), rs.getString("verification_id"), rs.getString("reason"),
            OperatorActions.Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"));

    private final JdbcTemplate jdbc;

    public OperatorActionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends one action; long texts are cut to their column's width. */
    public void insert(String actionId, Instant at, Operator who, OperatorActions.Target what, String verificationId,
            OperatorActions.Outcome outcome, String detail) {
        jdbc.update("INSERT INTO operator_action (action_id, performed_at, operator, operator_roles, authenticated, "
                + "remote_address, action, target_type, target_id, verification_id, reason, outcome, detail) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                actionId, Timestamp.from(at), cut(who.name(), 128), cut(String.join(",", who.roles()), 200),
                who.authenticated(), cut(who.remoteAddress(), 64), what.action(), what.targetType(),
                cut(what.targetId(), 200), verificationId, cut(what.reason(), 1000), outcome.name(), cut(detail, 2000));
    }

    public List<OperatorActions.Entry> recent(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM operator_action ORDER BY seq DESC FETCH FIRST "
                + Math.max(1, Math.min(limit, 500)) + " ROWS ONLY", MAPPER);
    }

    public List<OperatorActions.Entry> forVerification(String verificationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM operator_action WHERE verification_id = ? ORDER BY seq",
                MAPPER, verificationId);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
