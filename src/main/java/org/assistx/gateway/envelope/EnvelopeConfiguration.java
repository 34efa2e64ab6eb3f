package org.assistx.gateway.envelope;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.CryptoConfiguration;
import org.assistx.gateway.crypto.CryptoProperties;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The envelope signer (one per crypto profile key), the verifier, and the check of signed proofs the policy
 * engine asks for. Wiring only: nothing in the envelope code uses it.
 */
@Configuration(proxyBeanMethods = false)
public class EnvelopeConfiguration {

    @Bean
    EnvelopeSigner gatewaySigner(ObjectMapper json, SigningIdentity gatewayIdentity) {
        return new EnvelopeSigner(json, gatewayIdentity);
    }

    /** The default signer and one per further profile key, chosen by each partner's crypto profile. */
    @Bean
    EnvelopeSigners gatewaySigners(ObjectMapper json, EnvelopeSigner gatewaySigner, CryptoProperties p) {
        List<EnvelopeSigner> others = p.profileKeys().entrySet().stream()
                .map(e -> new EnvelopeSigner(json, CryptoConfiguration.open(p.organisation(), e.getKey(), e.getValue())))
                .toList();
        return new EnvelopeSigners(gatewaySigner, others);
    }

    @Bean
    EnvelopeVerifier envelopeVerifier(CryptoProperties p, Clock clock) {
        List<X509Certificate> intermediates = p.intermediates().stream()
                .flatMap(i -> Pem.readCertificates(Path.of(i)).stream()).toList();
        return new EnvelopeVerifier(intermediates, clock, p.maxMessageAge(), p.clockSkew());
    }

    /** Proofs of non-receipt signed by another gateway, checked against the gateway's own trust. */
    @Bean
    SignedProofCheck signedProofCheck(ObjectMapper json, EnvelopeVerifier envelopeVerifier,
            CertificateValidator gatewayTrust) {
        return new SignedProofCheck(json, envelopeVerifier, gatewayTrust);
    }
}
