package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which key source a configured key gets ({@link CryptoConfiguration#open}): a file or a token, never both. */
class KeySourceChoiceTest {

    static final Path ECDSA = Path.of("certs-sample", "ecdsa");
    static final Pkcs11KeySource.Token TOKEN = new Pkcs11KeySource.Token(null, "/no/such/module.so", null,
            "gateway-p256", "secret-pin");

    @Test
    void aPrivateKeyFileIsAFileKeySourceAsBefore() {
        SigningIdentity identity = CryptoConfiguration.open("6101", CryptoProfile.ECDSA_P256,
                new CryptoProperties.ProfileKey(ECDSA.resolve("gateway.crt.pem").toString(),
                        ECDSA.resolve("gateway.key.pem").toString(), null));
        assertThat(identity.keys()).isInstanceOf(FileKeySource.class);
        byte[] data = "canonical bytes".getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.verify(CryptoProfile.ECDSA_P256, identity.certificate().getPublicKey(), data,
                identity.sign(data))).isTrue();
    }

    @Test
    void bothAFileAndATokenAreRefused() {
        assertThatThrownBy(() -> CryptoConfiguration.open("6101", CryptoProfile.ECDSA_P256,
                new CryptoProperties.ProfileKey(ECDSA.resolve("gateway.crt.pem").toString(),
                        ECDSA.resolve("gateway.key.pem").toString(), TOKEN)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("not both")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.KEY_UNREADABLE);
    }

    @Test
    void neitherAFileNorATokenIsRefused() {
        assertThatThrownBy(() -> CryptoConfiguration.open("6101", CryptoProfile.ECDSA_P256,
                new CryptoProperties.ProfileKey(ECDSA.resolve("gateway.crt.pem").toString(), "", null)))
                .isInstanceOf(CryptoException.class).hasMessageContaining("not neither")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.KEY_UNREADABLE);
    }

    @Test
    void aTokenWithoutPinOrWithBothConfigAndLibraryIsRefused() {
        Pkcs11KeySource.Token noPin = new Pkcs11KeySource.Token(null, "/no/such/module.so", null, "gateway-p256", "");
        assertThatThrownBy(() -> Pkcs11KeySource.open(CryptoProfile.ECDSA_P256, noPin, null))
                .hasMessageContaining("PIN")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.KEY_TOKEN_UNAVAILABLE);
        Pkcs11KeySource.Token both = new Pkcs11KeySource.Token("/etc/pkcs11.cfg", "/no/such/module.so", null,
                "gateway-p256", "secret-pin");
        assertThatThrownBy(() -> Pkcs11KeySource.open(CryptoProfile.ECDSA_P256, both, null))
                .hasMessageContaining("not both")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.KEY_TOKEN_UNAVAILABLE);
    }

    @Test
    void aMissingModuleRefusesToStartNamingIt() {
        assertThatThrownBy(() -> CryptoConfiguration.open("6101", CryptoProfile.ECDSA_P256,
                new CryptoProperties.ProfileKey(null, null, TOKEN)))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("/no/such/module.so")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.KEY_TOKEN_UNAVAILABLE);
    }

    @Test
    void theTokenSettingsNeverShowThePin() {
        assertThat(TOKEN.toString()).contains("gateway-p256", "/no/such/module.so").doesNotContain("secret-pin");
    }
}
