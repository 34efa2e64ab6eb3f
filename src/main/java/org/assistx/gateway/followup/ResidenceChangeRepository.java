package org.assistx.gateway.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.assistx.gateway.policy.ResidenceChange;
import org.assistx.gateway.policy.ResidenceChangeDecision;
import org.assistx.gateway.policy.ResidenceChangeDecision.Action;
import org.assistx.gateway.tracking.SealedColumns;
import org.assistx.gateway.tracking.StoredJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * JDBC access to {@code residence_change}: reported moves, their decision and the notice each caused. The
 * township's report (the recipient's person data) is sealed at rest ({@link SealedColumns}); the recipient
 * is otherwise kept masked only.
 */
@Repository
public class ResidenceChangeRepository {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final SealedColumns.Column requestJson;
    private final RowMapper<ResidenceChanges.Stored> mapper;

    public ResidenceChangeRepository(JdbcTemplate jdbc, ObjectMapper json, SealedColumns sealed) {
        this.jdbc = jdbc;
        this.json = json;
        this.requestJson = sealed.column("residence_change", "request_json");
        this.mapper = (rs, n) -> {
            String id = rs.getString("change_id");
            Date recheck = rs.getDate("recheck_on");
            Date decided = rs.getDate("decided_on");
            ResidenceChange change = StoredJson.read(json, requestJson.open(id, rs.getString("request_json")),
                    ResidenceChange.class);
            return new ResidenceChanges.Stored(id, rs.getString("request_id"), rs.getString("request_digest"),
                    Action.valueOf(rs.getString("action")), rs.getString("reason"),
                    recheck == null ? null : recheck.toLocalDate(), rs.getString("notice_message_id"), change,
                    decided == null ? null : decided.toLocalDate());
        };
    }

    /** Stores a new change with its decision; {@code decidedOn} only when a notice was sent. */
    public void insert(String changeId, String clientOrg, ResidenceChange change, String digest,
            String recipientMasked, ResidenceChangeDecision d, String noticeId, LocalDate decidedOn, Instant now) {
        jdbc.update("INSERT INTO residence_change (change_id, client_org, request_id, request_digest, request_json, "
                + "managing_township, recipient_masked, action, reason, recheck_on, notice_message_id, created_at, "
                + "updated_at, decided_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", changeId, clientOrg,
                change.requestId(), digest, requestJson.seal(changeId, StoredJson.write(json, change)),
                change.managingTownship(), recipientMasked, d.action().name(), d.reason(), date(d.recheckOn()),
                noticeId, Timestamp.from(now), Timestamp.from(now), date(decidedOn));
    }

    /** Records the new decision of a change that was waiting to be decided again (only while it waits). */
    public void redecide(String changeId, ResidenceChangeDecision d, String noticeId, LocalDate decidedOn,
            Instant now) {
        jdbc.update("UPDATE residence_change SET action = ?, reason = ?, recheck_on = NULL, notice_message_id = ?, "
                + "updated_at = ?, decided_on = ? WHERE change_id = ? AND action = 'RECHECK_LATER'", d.action().name(),
                d.reason(), noticeId, Timestamp.from(now), date(decidedOn), changeId);
    }

    public Optional<ResidenceChanges.Stored> find(String changeId) {
        return jdbc.query("SELECT * FROM residence_change WHERE change_id = ?", mapper, changeId).stream().findFirst();
    }

    public Optional<ResidenceChanges.Stored> findByRequest(String clientOrg, String requestId) {
        return jdbc.query("SELECT * FROM residence_change WHERE client_org = ? AND request_id = ?", mapper,
                clientOrg, requestId).stream().findFirst();
    }

    /** Changes waiting to be decided again whose date has come. */
    public List<String> dueForRecheck(LocalDate today) {
        return jdbc.queryForList("SELECT change_id FROM residence_change WHERE action = 'RECHECK_LATER' "
                + "AND recheck_on <= ?", String.class, Date.valueOf(today));
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
