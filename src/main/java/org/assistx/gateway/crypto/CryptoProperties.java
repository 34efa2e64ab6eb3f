package org.assistx.gateway.crypto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own signing key (and further keys per crypto profile) and the trust it places in others
 * ({@code assistx.crypto}). Paths are files;
 * in production they come from the environment, never from the sample folder.
 */
@Validated
@ConfigurationProperties("assistx.crypto")
public record CryptoProperties(
        @NotBlank String organisation,
        @NotNull CryptoProfile profile,
        @NotBlank String certificate,
        @NotBlank String privateKey,
        @NotEmpty List<String> trustAnchors,
        List<String> intermediates,
        List<String> crls,
        @NotNull Duration clockSkew,
        @NotNull Duration maxMessageAge,
        Map<CryptoProfile, ProfileKey> profileKeys) {

    public CryptoProperties {
        intermediates = intermediates == null ? List.of() : intermediates;
        crls = crls == null ? List.of() : crls;
        profileKeys = profileKeys == null ? Map.of() : profileKeys;
    }

    /**
     * A further key of the gateway for partners of another crypto profile ({@code profile-keys.<PROFILE>}),
     * e.g. ECDSA P-256 for partners without SM2.
     */
    public record ProfileKey(@NotBlank String certificate, @NotBlank String privateKey) {
    }
}
