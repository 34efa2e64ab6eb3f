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
 * ({@code assistx.crypto}). Each key is either a PEM file ({@code private-key}, with {@code certificate}) or a
 * key in a PKCS#11 token ({@code pkcs11}, with the certificate from the token unless {@code certificate} names a
 * PEM file); see {@link CryptoConfiguration#open}. Paths are files;
 * in production they come from the environment, never from the sample folder.
 */
@Validated
@ConfigurationProperties("assistx.crypto")
public record CryptoProperties(
        @NotBlank String organisation,
        @NotNull CryptoProfile profile,
        String certificate,
        String privateKey,
        @NotEmpty List<String> trustAnchors,
        List<String> intermediates,
        List<String> crls,
        @NotNull Duration clockSkew,
        @NotNull Duration maxMessageAge,
        Map<CryptoProfile, ProfileKey> profileKeys,
        Pkcs11KeySource.Token pkcs11) {

    public CryptoProperties {
        intermediates = intermediates == null ? List.of() : intermediates;
        crls = crls == null ? List.of() : crls;
        profileKeys = profileKeys == null ? Map.of() : profileKeys;
    }

    /**
     * A further key of the gateway for partners of another crypto profile ({@code profile-keys.<PROFILE>}),
     * e.g. ECDSA P-256 for partners without SM2.
     */
    public record ProfileKey(String certificate, String privateKey, Pkcs11KeySource.Token pkcs11) {
    }

    /** The gateway's own key of {@link #profile()}: {@code certificate}, {@code private-key}, {@code pkcs11}. */
    public ProfileKey gatewayKey() {
        return new ProfileKey(certificate, privateKey, pkcs11);
    }
}
