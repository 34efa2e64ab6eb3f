package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** SM4/GCM sealing of stored values: round trip, tampering, wrong or missing keys, rotation, clear rows. */
class StoreCipherTest {

    private static final String KEY_1 = "k1:00112233445566778899aabbccddeeff";
    private static final String KEY_2 = "k2:" + Base64.getEncoder().encodeToString(
            java.util.HexFormat.of().parseHex("0f0e0d0c0b0a09080706050403020100"));
    private static final String CTX = StoreCipher.context("message", "envelope", "m-1");
    private static final String ENVELOPE = "{\"payload\":{\"idNumber\":\"610104199001011234\",\"name\":\"张三\"}}";

    private static String assertFailsWith(StoreCipher cipher, String context, String stored) {
        return assertThatThrownBy(() -> cipher.open(context, stored)).isInstanceOf(CryptoException.class)
                .extracting(e -> ((CryptoException) e).code()).asString().actual();
    }

    @Test
    void roundTripHidesThePlaintextAndUsesAFreshIvEachTime() {
        StoreCipher cipher = StoreCipher.fromSettings(true, KEY_1, null);
        String a = cipher.seal(CTX, ENVELOPE);
        String b = cipher.seal(CTX, ENVELOPE);
        assertThat(a).startsWith("enc:sm4-gcm:k1:").doesNotContain("610104199001011234").doesNotContain("张三");
        assertThat(a).isNotEqualTo(b);
        assertThat(cipher.open(CTX, a)).isEqualTo(ENVELOPE);
        assertThat(cipher.open(CTX, b)).isEqualTo(ENVELOPE);
        assertThat(cipher.seal(CTX, null)).isNull();
        assertThat(cipher.open(CTX, cipher.seal(CTX, ""))).isEmpty();
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        StoreCipher cipher = StoreCipher.fromSettings(true, KEY_1, null);
        String sealed = cipher.seal(CTX, ENVELOPE);
        byte[] data = Base64.getDecoder().decode(sealed.substring("enc:sm4-gcm:k1:".length()));
        for (int i : new int[] {0, 11, 12, data.length / 2, data.length - 1}) {
            byte[] changed = data.clone();
            changed[i] ^= 0x01;
            String tampered = "enc:sm4-gcm:k1:" + Base64.getEncoder().encodeToString(changed);
            assertThat(assertFailsWith(cipher, CTX, tampered)).isEqualTo("STORE_DECRYPTION_FAILED");
        }
        assertThat(assertFailsWith(cipher, CTX, sealed.substring(0, sealed.length() - 8)))
                .isEqualTo("STORE_DECRYPTION_FAILED");
        assertThat(assertFailsWith(cipher, CTX, "enc:sm4-gcm:k1:AAAA")).isEqualTo("STORE_DECRYPTION_FAILED");
        assertThat(assertFailsWith(cipher, CTX, "enc:sm4-gcm:k1:not base64!")).isEqualTo("STORE_DECRYPTION_FAILED");
    }

    @Test
    void aValueMovedToAnotherRowDoesNotOpen() {
        StoreCipher cipher = StoreCipher.fromSettings(true, KEY_1, null);
        String sealed = cipher.seal(CTX, ENVELOPE);
        assertThat(assertFailsWith(cipher, StoreCipher.context("message", "envelope", "m-2"), sealed))
                .isEqualTo("STORE_DECRYPTION_FAILED");
    }

    @Test
    void theWrongKeyUnderTheSameIdFailsAndAnUnknownIdIsNamed() {
        String sealed = StoreCipher.fromSettings(true, KEY_1, null).seal(CTX, ENVELOPE);
        StoreCipher other = StoreCipher.fromSettings(true, "k1:ffeeddccbbaa99887766554433221100", null);
        assertThat(assertFailsWith(other, CTX, sealed)).isEqualTo("STORE_DECRYPTION_FAILED");
        assertThat(assertFailsWith(StoreCipher.fromSettings(true, KEY_2, null), CTX, sealed))
                .isEqualTo("STORE_KEY_UNKNOWN");
        assertThat(assertFailsWith(StoreCipher.disabled(), CTX, sealed)).isEqualTo("STORE_KEY_UNKNOWN");
    }

    @Test
    void rotationSealsWithTheCurrentKeyAndOpensWithAnyConfiguredOne() {
        String old = StoreCipher.fromSettings(true, KEY_1, null).seal(CTX, ENVELOPE);
        StoreCipher rotated = StoreCipher.fromSettings(true, KEY_2, KEY_1);
        assertThat(rotated.currentKeyId()).isEqualTo("k2");
        assertThat(rotated.open(CTX, old)).isEqualTo(ENVELOPE);
        assertThat(rotated.seal(CTX, ENVELOPE)).startsWith("enc:sm4-gcm:k2:");
        // switched off again: nothing new is sealed, earlier values still open
        StoreCipher off = StoreCipher.fromSettings(false, null, KEY_1 + "," + KEY_2);
        assertThat(off.seal(CTX, ENVELOPE)).isEqualTo(ENVELOPE);
        assertThat(off.open(CTX, old)).isEqualTo(ENVELOPE);
    }

    @Test
    void valuesWrittenInClearStillRead() {
        StoreCipher cipher = StoreCipher.fromSettings(true, KEY_1, null);
        assertThat(cipher.open(CTX, ENVELOPE)).isEqualTo(ENVELOPE);
        assertThat(cipher.open(CTX, "<ax:envelope/>")).isEqualTo("<ax:envelope/>");
        assertThat(cipher.open(CTX, null)).isNull();
        assertThat(StoreCipher.disabled().seal(CTX, ENVELOPE)).isEqualTo(ENVELOPE);
    }

    @Test
    void keysAreCheckedWhenConfigured() {
        assertThatThrownBy(() -> StoreCipher.fromSettings(true, "", null)).extracting("code")
                .isEqualTo("STORE_KEY_MISSING");
        assertThatThrownBy(() -> StoreCipher.fromSettings(true, null, null)).hasMessageContaining("ASSISTX_STORE_KEY");
        assertThatThrownBy(() -> StoreCipher.fromSettings(true, "k1:0011", null)).extracting("code")
                .isEqualTo("STORE_KEY_INVALID");
        assertThatThrownBy(() -> StoreCipher.fromSettings(true, "bad id!:00112233445566778899aabbccddeeff", null))
                .extracting("code").isEqualTo("STORE_KEY_INVALID");
        assertThatThrownBy(() -> StoreCipher.fromSettings(true, KEY_1, "k1:ffeeddccbbaa99887766554433221100"))
                .extracting("code").isEqualTo("STORE_KEY_INVALID");
        StoreCipher bare = StoreCipher.fromSettings(true, "00112233445566778899aabbccddeeff", null);
        assertThat(bare.currentKeyId()).matches("k[0-9a-f]{8}");
        assertThat(StoreCipher.fromSettings(false, null, null).encrypting()).isFalse();
    }
}
