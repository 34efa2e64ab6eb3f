package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class CryptoProfileTest {

    @Test
    void names() {
        assertThat(CryptoProfile.SM2.signatureAlgorithm()).isEqualTo("SM3withSM2");
        assertThat(CryptoProfile.SM2.digestAlgorithm()).isEqualTo("SM3");
        assertThat(CryptoProfile.SM2.hashName()).isEqualTo("SM3");
        assertThat(CryptoProfile.ECDSA_P256.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(CryptoProfile.ECDSA_P256.digestAlgorithm()).isEqualTo("SHA-256");
        assertThat(CryptoProfile.ECDSA_P256.hashName()).isEqualTo("SHA-256");
    }

    @Test
    void fromSignatureAlgorithm() {
        assertThat(CryptoProfile.fromSignatureAlgorithm("SM3withSM2")).isEqualTo(CryptoProfile.SM2);
        assertThat(CryptoProfile.fromSignatureAlgorithm("SHA256withECDSA")).isEqualTo(CryptoProfile.ECDSA_P256);
        assertThat(CryptoProfile.fromSignatureAlgorithm("sha256WithECDSA")).isEqualTo(CryptoProfile.ECDSA_P256);
        for (String unknown : new String[] {"SHA256withRSA", "SM2", "", " SM3withSM2", null}) {
            assertThatThrownBy(() -> CryptoProfile.fromSignatureAlgorithm(unknown))
                    .isInstanceOf(CryptoException.class)
                    .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.UNSUPPORTED_ALGORITHM);
        }
    }

    @Test
    void digestKnownAnswers() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        // GB/T 32905-2016 (SM3) example 1 and FIPS 180-2 (SHA-256) "abc"
        assertThat(HexFormat.of().formatHex(CryptoProfile.SM2.digest(abc)))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(HexFormat.of().formatHex(CryptoProfile.ECDSA_P256.digest(abc)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
