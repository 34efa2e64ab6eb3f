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
        return SigningIdentity.load(p.organisation(), p.profile(), Path.of(p.certificate()), Path.of(p.privateKey()));
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
