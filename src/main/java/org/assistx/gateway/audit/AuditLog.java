package org.assistx.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assistx.gateway.Code;
import org.assistx.gateway.crypto.CryptoException;
import org.assistx.gateway.crypto.StoreCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit chain ({@code audit_log}): every stored envelope and every operator action gets an entry that
 * carries the hash of the previous entry and the hash of the canonical form of the row it stands for.
 * Appends join the caller's transaction and lock the chain head, so concurrent appends (also from other
 * nodes on the same database) queue instead of forking the chain.
 *
 * <p>The content hash is over the <em>plaintext</em> of a row: an envelope sealed at rest
 * ({@link StoreCipher}) is opened before hashing. So the chain attests to the envelope as signed and sent,
 * whatever its storage form: rows written in clear before encryption was switched on, sealed rows, and rows
 * sealed again under a new key all keep verifying; a sealed value that was changed no longer opens and
 * counts as {@code RECORD_CHANGED}. Checking the chain therefore needs the store keys.
 */
@Component
public class AuditLog {

    /** What an entry stands for. */
    public enum Kind { MESSAGE, OPERATOR_ACTION }

    /** The hash before the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** The first entry that does not check out, and why. */
    public record Broken(long seq, Kind kind, String refId, String reason) {
    }

    /** The result of a check of the whole chain. */
    public record Verification(boolean intact, long entries, String headHash, Broken firstBroken) {
    }

    private static final String MESSAGE_COLUMNS = "message_id, verification_id, direction, type, partner, sender, "
            + "recipient, envelope, signed_digest, in_reply_to, created_at";
    private static final String ACTION_COLUMNS = "action_id, performed_at, operator, operator_roles, authenticated, "
            + "remote_address, action, target_type, target_id, verification_id, reason, outcome, detail";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final StoreCipher cipher;

    public AuditLog(JdbcTemplate jdbc, Clock clock, StoreCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
    }

    /** Appends the entry for a row that was just written in the current transaction (or in a new one). */
    @Transactional(propagation = Propagation.REQUIRED)
    public long append(Kind kind, String refId) {
        String contentHash = contentHash(kind, refId)
                .orElseThrow(() -> new AuditException(Code.AUDIT_SOURCE_MISSING, kind + " " + refId + " is not stored"));
        Map<String, Object> head = jdbc.queryForMap(
                "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
        long seq = ((Number) head.get("last_seq")).longValue() + 1;
        String prev = (String) head.get("last_hash");
        String recordedAt = clock.instant().toString();
        String entryHash = entryHash(seq, kind, refId, recordedAt, contentHash, prev);
        jdbc.update("INSERT INTO audit_log (seq, kind, ref_id, recorded_at, content_hash, prev_hash, entry_hash) "
                + "VALUES (?,?,?,?,?,?,?)", seq, kind.name(), refId, recordedAt, contentHash, prev, entryHash);
        jdbc.update("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1", seq, entryHash);
        return seq;
    }

    /** Walks the chain from the first entry and names the first one that does not check out. */
    @Transactional(readOnly = true)
    public Verification verify() {
        List<Object[]> rows = new ArrayList<>();
        jdbc.query("SELECT seq, kind, ref_id, recorded_at, content_hash, prev_hash, entry_hash FROM audit_log "
                + "ORDER BY seq", (ResultSet rs) -> {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)});
                });
        Map<String, Object> head = jdbc.queryForMap("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1");
        String prev = GENESIS;
        long expectedSeq = 1;
        for (Object[] r : rows) {
            long seq = (Long) r[0];
            Kind kind;
            try {
                kind = Kind.valueOf((String) r[1]);
            } catch (IllegalArgumentException e) {
                return broken(rows.size(), seq, null, (String) r[2], Code.UNKNOWN_KIND.name());
            }
            String refId = (String) r[2];
            if (seq != expectedSeq) {
                return broken(rows.size(), expectedSeq, kind, refId, Code.MISSING_ENTRY.name());
            }
            if (!prev.equals(r[5])) {
                return broken(rows.size(), seq, kind, refId, Code.PREVIOUS_HASH_MISMATCH.name());
            }
            String expected = entryHash(seq, kind, refId, (String) r[3], (String) r[4], prev);
            if (!expected.equals(r[6])) {
                return broken(rows.size(), seq, kind, refId, Code.ENTRY_HASH_MISMATCH.name());
            }
            Optional<String> content;
            try {
                content = contentHash(kind, refId);
            } catch (CryptoException e) {
                if (!StoreCipher.STORE_DECRYPTION_FAILED.equals(e.code())) {
                    throw e;
                }
                return broken(rows.size(), seq, kind, refId, Code.RECORD_CHANGED.name());
            }
            if (content.isEmpty()) {
                return broken(rows.size(), seq, kind, refId, Code.RECORD_MISSING.name());
            }
            if (!content.get().equals(r[4])) {
                return broken(rows.size(), seq, kind, refId, Code.RECORD_CHANGED.name());
            }
            prev = expected;
            expectedSeq++;
        }
        long headSeq = ((Number) head.get("last_seq")).longValue();
        if (headSeq != rows.size() || !prev.equals(head.get("last_hash"))) {
            return broken(rows.size(), Math.min(headSeq, rows.size() + 1L), null, null, Code.CHAIN_TRUNCATED.name());
        }
        return new Verification(true, rows.size(), prev, null);
    }

    private static Verification broken(long entries, long seq, Kind kind, String refId, String reason) {
        return new Verification(false, entries, null, new Broken(seq, kind, refId, reason));
    }

    /** The hash of the canonical form of the row an entry stands for, if the row is there. */
    Optional<String> contentHash(Kind kind, String refId) {
        String sql = switch (kind) {
            case MESSAGE -> "SELECT " + MESSAGE_COLUMNS + " FROM message WHERE message_id = ?";
            case OPERATOR_ACTION -> "SELECT " + ACTION_COLUMNS + " FROM operator_action WHERE action_id = ?";
        };
        String[] columns = (kind == Kind.MESSAGE ? MESSAGE_COLUMNS : ACTION_COLUMNS).split(",\\s*");
        return jdbc.query(sql, (rs, n) -> canonical(kind, columns, rs), refId).stream().findFirst().map(AuditLog::sha256);
    }

    /** A column's value as the chain sees it: the plaintext of a sealed envelope. */
    private String plain(Kind kind, String column, String value, ResultSet rs) throws SQLException {
        if (kind == Kind.MESSAGE && "envelope".equals(column)) {
            return cipher.open(StoreCipher.context("message", "envelope", rs.getString("message_id")), value);
        }
        return value;
    }

    /**
     * The canonical form of a row: the kind, then each column as {@code name=length:value} (or {@code name=-}
     * for null), one per line. Timestamps are UTC instants, so the form is the same on H2 and PostgreSQL.
     */
    private String canonical(Kind kind, String[] columns, ResultSet rs) throws SQLException {
        StringBuilder sb = new StringBuilder(kind.name()).append('\n');
        for (String c : columns) {
            Object v = rs.getObject(c);
            String s;
            if (v == null) {
                s = null;
            } else if (c.endsWith("_at")) {
                s = rs.getObject(c, java.time.OffsetDateTime.class).toInstant().toString();
            } else {
                s = plain(kind, c, v.toString(), rs);
            }
            sb.append(c).append('=');
            if (s == null) {
                sb.append('-');
            } else {
                sb.append(s.length()).append(':').append(s);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String entryHash(long seq, Kind kind, String refId, String recordedAt, String contentHash, String prev) {
        return sha256(seq + "\n" + kind.name() + "\n" + refId.length() + ":" + refId + "\n" + recordedAt + "\n"
                + contentHash + "\n" + prev);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AuditException(Code.AUDIT_HASH_UNAVAILABLE, e.getMessage());
        }
    }
}
