package org.assistx.gateway.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.assistx.gateway.Code;

/**
 * Encryption of stored payloads at rest: SM4 in GCM mode (Bouncy Castle), a fresh random 12-byte IV per
 * value and a 128-bit tag. A sealed value is text, so it fits the existing {@code VARCHAR} columns:
 * <pre>enc:sm4-gcm:&lt;key id&gt;:&lt;base64 of IV || ciphertext || tag&gt;</pre>
 * The prefix marks ciphertext; a value without it was written in clear (before encryption was switched on)
 * and is returned as it is. Each value is bound to its place ({@code context}, e.g.
 * {@code message.envelope/<message id>}) as associated data, so a sealed value copied into another row or
 * column does not open. Keys carry an id: values are sealed with the current key and opened with whichever
 * configured key their id names, so a key can be rotated without rewriting old rows.
 */
public final class StoreCipher {

    /** What every sealed value starts with. */
    public static final String PREFIX = "enc:sm4-gcm:";

    /** No store key where one is required. */
    public static final String STORE_KEY_MISSING = Code.STORE_KEY_MISSING.name();
    /** A store key that is not 128 bits in hex or base64, or a malformed key id. */
    public static final String STORE_KEY_INVALID = Code.STORE_KEY_INVALID.name();
    /** A sealed value names a key id that is not configured. */
    public static final String STORE_KEY_UNKNOWN = Code.STORE_KEY_UNKNOWN.name();
    /** A sealed value does not open: changed, truncated, moved to another row, or the wrong key. */
    public static final String STORE_DECRYPTION_FAILED = Code.STORE_DECRYPTION_FAILED.name();

    private static final String TRANSFORMATION = "SM4/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 16;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern HEX_KEY = Pattern.compile("[0-9a-fA-F]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean encrypting;
    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys;

    private StoreCipher(boolean encrypting, String currentKeyId, Map<String, SecretKeySpec> keys) {
        this.encrypting = encrypting;
        this.currentKeyId = currentKeyId;
        this.keys = keys;
    }

    /** Stores in clear and opens nothing sealed (no keys). */
    public static StoreCipher disabled() {
        return new StoreCipher(false, null, Map.of());
    }

    /**
     * From settings: {@code currentKey} and each comma-separated entry of {@code previousKeys} is
     * {@code <key id>:<key>} or a bare key (its id is then {@code k} and the first 8 hex digits of the SM3
     * hash of the key), the key being 128 bits as 32 hex digits or base64. With {@code encrypt} false, values
     * are stored in clear, and values sealed earlier still open with the configured keys.
     */
    public static StoreCipher fromSettings(boolean encrypt, String currentKey, String previousKeys) {
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String current = null;
        if (currentKey != null && !currentKey.isBlank()) {
            current = addKey(keys, currentKey.strip());
        } else if (encrypt) {
            throw new CryptoException(STORE_KEY_MISSING, "encryption of stored payloads is on "
                    + "(assistx.store.encryption.enabled) but no store key is configured: set ASSISTX_STORE_KEY to "
                    + "<key id>:<128-bit key as 32 hex digits or base64>");
        }
        if (previousKeys != null) {
            for (String entry : previousKeys.split(",")) {
                if (!entry.isBlank()) {
                    addKey(keys, entry.strip());
                }
            }
        }
        return new StoreCipher(encrypt, current, Map.copyOf(keys));
    }

    private static String addKey(Map<String, SecretKeySpec> keys, String entry) {
        int colon = entry.indexOf(':');
        String id = colon < 0 ? null : entry.substring(0, colon);
        byte[] key = decodeKey(colon < 0 ? entry : entry.substring(colon + 1));
        if (id == null) {
            id = "k" + fingerprint(key);
        } else if (!KEY_ID.matcher(id).matches()) {
            throw new CryptoException(STORE_KEY_INVALID, "store key id '" + id + "' must be 1 to 32 letters, "
                    + "digits, '-' or '_'");
        }
        SecretKeySpec spec = new SecretKeySpec(key, "SM4");
        SecretKeySpec before = keys.putIfAbsent(id, spec);
        if (before != null && !MessageDigest.isEqual(before.getEncoded(), key)) {
            throw new CryptoException(STORE_KEY_INVALID, "store key id '" + id + "' is configured twice with "
                    + "different keys");
        }
        Arrays.fill(key, (byte) 0);
        return id;
    }

    private static byte[] decodeKey(String text) {
        byte[] key;
        if (HEX_KEY.matcher(text).matches()) {
            key = HexFormat.of().parseHex(text);
        } else {
            try {
                key = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
        }
        if (key.length != KEY_BYTES) {
            throw new CryptoException(STORE_KEY_INVALID, "a store key must be 128 bits: 32 hex digits or "
                    + "base64 of 16 bytes");
        }
        return key;
    }

    private static String fingerprint(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SM3", BouncyCastle.provider()).digest(key))
                    .substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.UNSUPPORTED_ALGORITHM, "SM3 is not available", e);
        }
    }

    /** True when new values are sealed. */
    public boolean encrypting() {
        return encrypting;
    }

    /** The id of the key new values are sealed with, or null without one. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Whether a stored value is sealed (starts with {@link #PREFIX}). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The place of a value, bound to it as associated data: {@code table.column/rowId}. */
    public static String context(String table, String column, String rowId) {
        return table + "." + column + "/" + rowId;
    }

    /** The value to store: sealed with the current key when encrypting, else {@code plaintext} itself. */
    public String seal(String context, String plaintext) {
        if (plaintext == null || !encrypting) {
            return plaintext;
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), iv, context, currentKeyId);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed);
            return PREFIX + currentKeyId + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.UNSUPPORTED_ALGORITHM, "SM4/GCM is not available", e);
        }
    }

    /** The plaintext of a stored value: opened if sealed, else the value itself (written in clear). */
    public String open(String context, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new CryptoException(STORE_DECRYPTION_FAILED, "sealed value of " + context + " has no key id");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new CryptoException(STORE_KEY_UNKNOWN, "sealed value of " + context + " needs store key '" + keyId
                    + "', which is not configured (ASSISTX_STORE_KEY / ASSISTX_STORE_PREVIOUS_KEYS)");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new CryptoException(STORE_DECRYPTION_FAILED, "sealed value of " + context + " is not base64", e);
        }
        if (data.length < IV_BYTES + TAG_BITS / 8) {
            throw new CryptoException(STORE_DECRYPTION_FAILED, "sealed value of " + context + " is truncated");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(data, IV_BYTES), context, keyId);
            return new String(cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new CryptoException(STORE_DECRYPTION_FAILED, "sealed value of " + context
                    + " does not open with key '" + keyId + "' (changed, moved or another key)", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(STORE_DECRYPTION_FAILED, "sealed value of " + context + " cannot be opened", e);
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] iv, String context, String keyId)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION, BouncyCastle.provider());
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(("assistx-store-v1\n" + keyId + "\n" + context).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
