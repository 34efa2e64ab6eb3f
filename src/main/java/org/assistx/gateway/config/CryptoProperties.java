package org.assistx.gateway.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.assistx.gateway.crypto.CryptoProfile;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own signing key and the trust it places in others ({@code assistx.crypto}). Paths are files;
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
        @NotNull Duration maxMessageAge) {

    public CryptoProperties {
        intermediates = intermediates == null ? List.of() : intermediates;
        crls = crls == null ? List.of() : crls;
    }
}
