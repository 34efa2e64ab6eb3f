package org.assistx.gateway.tracking;

import org.assistx.gateway.crypto.StoreCipher;
import org.springframework.stereotype.Component;

/**
 * The at-rest sealing of personal data, in one place under the repositories: a repository names each
 * sealed column once ({@link #column}) and seals on write, opens on read. The row id and the column are
 * bound into the seal ({@link StoreCipher#context}), so a value copied to another row or column does not
 * open. With encryption off both directions pass values through unchanged.
 */
@Component
public class SealedColumns {

    /** One sealed column of one table. */
    public final class Column {

        private final String table;
        private final String name;

        private Column(String table, String name) {
            this.table = table;
            this.name = name;
        }

        /** The value as stored for the row; null stays null. */
        public String seal(String rowId, String plaintext) {
            return cipher.seal(StoreCipher.context(table, name, rowId), plaintext);
        }

        /** The stored value opened; a value written in clear (before encryption was on) is returned as is. */
        public String open(String rowId, String stored) {
            return cipher.open(StoreCipher.context(table, name, rowId), stored);
        }
    }

    private final StoreCipher cipher;

    public SealedColumns(StoreCipher cipher) {
        this.cipher = cipher;
    }

    public Column column(String table, String name) {
        return new Column(table, name);
    }
}
