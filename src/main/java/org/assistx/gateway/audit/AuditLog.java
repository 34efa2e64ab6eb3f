package org.assistx.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
    public enum Kind { MESSAGE, OPERATOR_ACTION, RETENTION }

    /** The hash before the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** The first entry that does not check out, and why. */
    public record Broken(long seq, Kind kind, String refId, String reason) {
    }

    /** The result of a check of the whole chain. */
    public record Verification(boolean intact, long entries, String headHash, Broken firstBroken) {
    }

    /** One entry of the chain as stored. */
    public record Entry(long seq, Kind kind, String refId, String recordedAt, String contentHash, String prevHash,
            String entryHash) {
    }

    /**
     * Where the kept chain starts after retention cut its oldest entries: the last entry removed
     * ({@code audit_retention}, the row of the latest cut).
     */
    public record Anchor(String retentionId, long seq, String hash) {
    }

    private static final String MESSAGE_COLUMNS = "message_id, verification_id, direction, type, partner, sender, "
            + "recipient, envelope, signed_digest, in_reply_to, created_at";
    private static final String ACTION_COLUMNS = "action_id, performed_at, operator, operator_roles, authenticated, "
            + "remote_address, action, target_type, target_id, verification_id, reason, outcome, detail";
    private static final String RETENTION_COLUMNS = "retention_id, through_seq, through_hash, entries, pruned_at";

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

    /**
     * Walks the chain from its first kept entry (after the latest retention cut, else from the genesis) and
     * names the first one that does not check out. A cut must be attested by its own chained entry.
     */
    @Transactional(readOnly = true)
    public Verification verify() {
        // a cut committed while the chain is read (another node's retention) moves the start: read again
        for (int attempt = 1;; attempt++) {
            Optional<Anchor> anchor = anchor();
            Verification v = verifyFrom(anchor);
            if (v.intact() || attempt == 3 || anchor.equals(anchor())) {
                return v;
            }
        }
    }

    private Verification verifyFrom(Optional<Anchor> anchor) {
        List<Entry> rows = new ArrayList<>();
        jdbc.query("SELECT seq, kind, ref_id, recorded_at, content_hash, prev_hash, entry_hash FROM audit_log "
                + "ORDER BY seq", (ResultSet rs) -> {
                    rows.add(new Entry(rs.getLong(1), kindOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                });
        Map<String, Object> head = jdbc.queryForMap("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1");
        String prev = anchor.map(Anchor::hash).orElse(GENESIS);
        long expectedSeq = anchor.map(Anchor::seq).orElse(0L) + 1;
        boolean attested = anchor.isEmpty();
        for (Entry r : rows) {
            Optional<String> reason = check(r, expectedSeq, prev);
            if (reason.isPresent()) {
                long at = Code.MISSING_ENTRY.name().equals(reason.get()) ? expectedSeq : r.seq();
                return broken(rows.size(), at, r.kind(), r.refId(), reason.get());
            }
            attested |= r.kind() == Kind.RETENTION && anchor.isPresent()
                    && r.refId().equals(anchor.get().retentionId());
            prev = r.entryHash();
            expectedSeq++;
        }
        long headSeq = ((Number) head.get("last_seq")).longValue();
        if (headSeq != expectedSeq - 1 || !prev.equals(head.get("last_hash"))) {
            return broken(rows.size(), Math.min(headSeq, expectedSeq), null, null, Code.CHAIN_TRUNCATED.name());
        }
        if (!attested) {
            return broken(rows.size(), anchor.get().seq(), Kind.RETENTION, anchor.get().retentionId(),
                    Code.ANCHOR_UNATTESTED.name());
        }
        return new Verification(true, rows.size(), prev, null);
    }

    /** The start of the kept chain: the latest retention cut, if any. */
    @Transactional(readOnly = true)
    public Optional<Anchor> anchor() {
        return jdbc.query("SELECT retention_id, through_seq, through_hash FROM audit_retention "
                + "ORDER BY through_seq DESC FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> new Anchor(rs.getString(1), rs.getLong(2), rs.getString(3))).stream().findFirst();
    }

    /** The oldest kept entries, in order. */
    public List<Entry> oldest(int limit) {
        return jdbc.query("SELECT seq, kind, ref_id, recorded_at, content_hash, prev_hash, entry_hash FROM audit_log "
                + "ORDER BY seq FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                (rs, n) -> new Entry(rs.getLong(1), kindOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)));
    }

    /**
     * Cuts the oldest entries of the chain, in the caller's transaction: each entry is checked first (a broken
     * one stops the cut, so retention never removes the evidence of a change), then {@code deleteRecords}
     * deletes the rows they stand for, then the entries go, the cut is stored as the new start of the chain and
     * gets its own entry. {@code prefix} must be the oldest kept entries, in order.
     *
     * @return the stored cut
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public Anchor cut(List<Entry> prefix, Runnable deleteRecords) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("nothing to cut");
        }
        jdbc.queryForMap("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE");
        Optional<Anchor> anchor = anchor();
        String prev = anchor.map(Anchor::hash).orElse(GENESIS);
        long expectedSeq = anchor.map(Anchor::seq).orElse(0L) + 1;
        for (Entry e : prefix) {
            Optional<String> reason = check(e, expectedSeq, prev);
            if (reason.isPresent()) {
                throw new AuditException(Code.valueOf(reason.get()), "retention stopped at audit entry "
                        + expectedSeq + " (" + e.kind() + " " + e.refId() + "): " + reason.get());
            }
            prev = e.entryHash();
            expectedSeq++;
        }
        deleteRecords.run();
        Entry last = prefix.get(prefix.size() - 1);
        jdbc.update("DELETE FROM audit_log WHERE seq <= ?", last.seq());
        Anchor cut = new Anchor(UUID.randomUUID().toString(), last.seq(), last.entryHash());
        jdbc.update("INSERT INTO audit_retention (" + RETENTION_COLUMNS + ") VALUES (?,?,?,?,?)", cut.retentionId(),
                cut.seq(), cut.hash(), prefix.size(), Timestamp.from(clock.instant()));
        append(Kind.RETENTION, cut.retentionId());
        return cut;
    }

    /** Why one entry does not check out as the successor of {@code prev} at {@code expectedSeq}, if it does not. */
    private Optional<String> check(Entry r, long expectedSeq, String prev) {
        if (r.kind() == null) {
            return Optional.of(Code.UNKNOWN_KIND.name());
        }
        if (r.seq() != expectedSeq) {
            return Optional.of(Code.MISSING_ENTRY.name());
        }
        if (!prev.equals(r.prevHash())) {
            return Optional.of(Code.PREVIOUS_HASH_MISMATCH.name());
        }
        String expected = entryHash(r.seq(), r.kind(), r.refId(), r.recordedAt(), r.contentHash(), prev);
        if (!expected.equals(r.entryHash())) {
            return Optional.of(Code.ENTRY_HASH_MISMATCH.name());
        }
        Optional<String> content;
        try {
            content = contentHash(r.kind(), r.refId());
        } catch (CryptoException e) {
            if (!StoreCipher.STORE_DECRYPTION_FAILED.equals(e.code())) {
                throw e;
            }
            return Optional.of(Code.RECORD_CHANGED.name());
        }
        if (content.isEmpty()) {
            return Optional.of(Code.RECORD_MISSING.name());
        }
        if (!content.get().equals(r.contentHash())) {
            return Optional.of(Code.RECORD_CHANGED.name());
        }
        return Optional.empty();
    }

    private static Kind kindOf(String name) {
        try {
            return Kind.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static Verification broken(long entries, long seq, Kind kind, String refId, String reason) {
        return new Verification(false, entries, null, new Broken(seq, kind, refId, reason));
    }

    /** The hash of the canonical form of the row an entry stands for, if the row is there. */
    Optional<String> contentHash(Kind kind, String refId) {
        String columnList = switch (kind) {
            case MESSAGE -> MESSAGE_COLUMNS;
            case OPERATOR_ACTION -> ACTION_COLUMNS;
            case RETENTION -> RETENTION_COLUMNS;
        };
        String sql = switch (kind) {
            case MESSAGE -> "SELECT " + columnList + " FROM message WHERE message_id = ?";
            case OPERATOR_ACTION -> "SELECT " + columnList + " FROM operator_action WHERE action_id = ?";
            case RETENTION -> "SELECT " + columnList + " FROM audit_retention WHERE retention_id = ?";
        };
        String[] columns = columnList.split(",\\s*");
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
