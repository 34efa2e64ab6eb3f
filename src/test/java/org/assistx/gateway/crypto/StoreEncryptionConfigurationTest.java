package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Encryption on without a key stops the start with a message that names the missing setting. */
class StoreEncryptionConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StoreEncryptionProperties.class)
    @Import(StoreEncryptionConfiguration.class)
    static class Wiring {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    void enabledWithoutAKeyFailsTheStartClearly() {
        runner.withPropertyValues("assistx.store.encryption.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ASSISTX_STORE_KEY")
                    .hasMessageContaining("assistx.store.encryption.enabled");
        });
    }

    @Test
    void enabledWithAKeySealsAndTheDemoDefaultDoesNot() {
        runner.withPropertyValues("assistx.store.encryption.enabled=true",
                "assistx.store.encryption.key=k1:00112233445566778899aabbccddeeff")
                .run(context -> assertThat(context.getBean(StoreCipher.class).encrypting()).isTrue());
        runner.run(context -> assertThat(context.getBean(StoreCipher.class).encrypting()).isFalse());
    }
}
