package org.assistx.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.SignedProofCheck;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.policy.PolicyEngine;
import org.assistx.gateway.policy.PolicySettings;
import org.assistx.gateway.policy.ResidenceChangeParser;
import org.assistx.gateway.policy.ResidenceChangeRules;
import org.assistx.gateway.policy.VerificationRequestParser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The division registry and the policy engine of RULES.md, wired with this deployment's settings. */
@Configuration(proxyBeanMethods = false)
public class PolicyConfiguration {

    @Bean
    DivisionRegistry divisionRegistry() {
        return DivisionRegistry.loadDefault();
    }

    @Bean
    PolicySettings policySettings(PolicyProperties p) {
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        p.countyEmergencyKinds().forEach((county, names) -> kinds.put(county, Set.copyOf(names)));
        return new PolicySettings(p.effectiveDate(), p.servedAreaPrefix(), p.emergencyBackfillDays(),
                p.proofMaxAgeDays(), p.askPartnerDespiteProof(), kinds);
    }

    @Bean
    VerificationRequestParser verificationRequestParser(DivisionRegistry divisions, Clock clock) {
        return new VerificationRequestParser(divisions, clock);
    }

    @Bean
    ResidenceChangeParser residenceChangeParser(DivisionRegistry divisions, Clock clock) {
        return new ResidenceChangeParser(divisions, clock);
    }

    @Bean
    ResidenceChangeRules residenceChangeRules(DivisionRegistry divisions) {
        return new ResidenceChangeRules(divisions);
    }

    @Bean
    PolicyEngine policyEngine(DivisionRegistry divisions, PolicySettings settings, PartnerRegistry partners,
            ObjectMapper json, EnvelopeVerifier envelopeVerifier, CertificateValidator gatewayTrust, Clock clock) {
        return new PolicyEngine(divisions, settings, partners,
                new SignedProofCheck(json, envelopeVerifier, gatewayTrust), clock);
    }
}
