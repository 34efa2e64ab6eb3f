package org.assistx.gateway.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cipher of stored payloads. With encryption on and no key the gateway does not start, and says why
 * ({@code STORE_KEY_MISSING}).
 */
@Configuration(proxyBeanMethods = false)
public class StoreEncryptionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreEncryptionConfiguration.class);

    @Bean
    StoreCipher storeCipher(StoreEncryptionProperties p) {
        StoreCipher cipher = StoreCipher.fromSettings(p.enabled(), p.key(), p.previousKeys());
        if (cipher.encrypting()) {
            log.info("Stored payloads are encrypted at rest (SM4/GCM, current key id '{}')", cipher.currentKeyId());
        } else {
            log.warn("Stored payloads are NOT encrypted at rest (assistx.store.encryption.enabled=false): protect "
                    + "the database as personal data");
        }
        return cipher;
    }
}
