package org.assistx.gateway.crypto;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's signing identity, its trust anchors and revocation lists, and the clock, from
 * {@link CryptoProperties}. Wiring only: nothing in the crypto code uses it.
 */
@Configuration(proxyBeanMethods = false)
public class CryptoConfiguration {

    /**
     * The gateway's clock. Its instants are UTC as always; its zone is Beijing time, because every date of
     * the policy (today, deadlines, backfill, recheck, the decision date of a notice) is a day in China:
     * between 00:00 and 08:00 Beijing time a UTC clock would still give yesterday.
     */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Asia/Shanghai"));
    }

    @Bean
    SigningIdentity gatewayIdentity(CryptoProperties p) {
        return open(p.organisation(), p.profile(), p.gatewayKey());
    }

    /**
     * Opens one key of the gateway, once, at start-up: a PEM key file ({@link FileKeySource}) when
     * {@code private-key} is set, a key in a PKCS#11 token ({@link Pkcs11KeySource}) when {@code pkcs11} is.
     *
     * @throws CryptoException {@code KEY_UNREADABLE} if neither or both are set, or the key does not match its
     *                         certificate; {@code KEY_TOKEN_UNAVAILABLE} if the token cannot be used
     */
    public static SigningIdentity open(String organisation, CryptoProfile profile, CryptoProperties.ProfileKey key) {
        boolean file = key.privateKey() != null && !key.privateKey().isBlank();
        boolean token = key.pkcs11() != null;
        boolean certificate = key.certificate() != null && !key.certificate().isBlank();
        if (file == token) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE, "The " + profile + " key of the gateway needs "
                    + "either private-key (a PEM file) or pkcs11 (a key in a token), not " + (file ? "both" : "neither"));
        }
        if (file && !certificate) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE,
                    "The " + profile + " key " + key.privateKey() + " needs its certificate (a PEM file)");
        }
        KeySource keys = file
                ? FileKeySource.load(Path.of(key.certificate()), Path.of(key.privateKey()))
                : Pkcs11KeySource.open(profile, key.pkcs11(), certificate ? Path.of(key.certificate()) : null);
        return SigningIdentity.open(organisation, profile, keys);
    }

    @Bean
    List<X509CRL> revocationLists(CryptoProperties p) {
        return p.crls().stream().map(c -> Pem.readCrl(Path.of(c))).toList();
    }

    /** Trust in the sample or national CAs, for messages from townships and other gateways. */
    @Bean
    CertificateValidator gatewayTrust(CryptoProperties p, List<X509CRL> revocationLists) {
        List<X509Certificate> anchors = p.trustAnchors().stream().map(a -> Pem.readCertificate(Path.of(a))).toList();
        return new CertificateValidator(anchors, revocationLists);
    }
}
