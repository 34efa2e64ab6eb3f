package org.assistx.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.EnvelopeSigners;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's signing identity, its trust anchors and the envelope signer and verifier. */
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
    EnvelopeSigner gatewaySigner(ObjectMapper json, SigningIdentity gatewayIdentity) {
        return new EnvelopeSigner(json, gatewayIdentity);
    }

    /** The default signer and one per further profile key, chosen by each partner's crypto profile. */
    @Bean
    EnvelopeSigners gatewaySigners(ObjectMapper json, EnvelopeSigner gatewaySigner, CryptoProperties p) {
        List<EnvelopeSigner> others = p.profileKeys().entrySet().stream()
                .map(e -> new EnvelopeSigner(json, SigningIdentity.load(p.organisation(), e.getKey(),
                        Path.of(e.getValue().certificate()), Path.of(e.getValue().privateKey()))))
                .toList();
        return new EnvelopeSigners(gatewaySigner, others);
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

    @Bean
    EnvelopeVerifier envelopeVerifier(CryptoProperties p, Clock clock) {
        List<X509Certificate> intermediates = p.intermediates().stream()
                .flatMap(i -> Pem.readCertificates(Path.of(i)).stream()).toList();
        return new EnvelopeVerifier(intermediates, clock, p.maxMessageAge(), p.clockSkew());
    }
}
