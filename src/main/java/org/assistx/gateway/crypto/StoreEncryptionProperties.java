package org.assistx.gateway.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Encryption of stored payloads at rest ({@code assistx.store.encryption}): envelopes, requests, results and
 * other personal data in the database are sealed with SM4/GCM when {@code enabled}. {@code key} is the
 * current key ({@code ASSISTX_STORE_KEY}, {@code <key id>:<128-bit key, hex or base64>}), new values are
 * sealed with it; {@code previousKeys} ({@code ASSISTX_STORE_PREVIOUS_KEYS}, comma-separated, same form) only
 * open values sealed before a rotation. Off in the demo, on in {@code prod}.
 */
@ConfigurationProperties("assistx.store.encryption")
public record StoreEncryptionProperties(boolean enabled, String key, String previousKeys) {
}
