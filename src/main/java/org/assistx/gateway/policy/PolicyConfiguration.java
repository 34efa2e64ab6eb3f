package org.assistx.gateway.policy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.assistx.gateway.division.DivisionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The division registry and the policy engine of RULES.md, wired with this deployment's settings; the
 * partner directory and the proof check are whatever implements them (the partner registry, the envelope's
 * signed-proof check). Wiring only: nothing in the policy code uses it.
 */
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
    PolicyEngine policyEngine(DivisionRegistry divisions, PolicySettings settings, PartnerDirectory partners,
            ProofSignatureCheck proofCheck, Clock clock) {
        return new PolicyEngine(divisions, settings, partners, proofCheck, clock);
    }
}
