package org.assistx.gateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.ConnectionFactory;
import jakarta.xml.ws.Endpoint;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.partner.PartnerRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the partner simulators inside this process (default configuration only): the county bureaus
 * over SOAP, and every partner folder with a {@code simulator.yaml} (REST/JSON at
 * {@code /simulator/partners/<id>}, JMS/XML on its request queue).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "assistx.simulators.enabled", havingValue = "true")
public class SimulatorConfiguration {

    @Bean
    ProvincialSimulators provincialSimulators(PartnerRegistry partners, ObjectMapper json, EnvelopeVerifier verifier,
            CertificateValidator gatewayTrust, SimulatorReplies replies, Clock clock) {
        return new ProvincialSimulators(partners, json, verifier, gatewayTrust, replies, clock);
    }

    @Bean
    SimulatorFaults simulatorFaults() {
        return new SimulatorFaults();
    }

    @Bean
    JmsPartnerSimulators jmsPartnerSimulators(PartnerRegistry partners, ProvincialSimulators simulators,
            SimulatorFaults faults, ConnectionFactory connectionFactory) {
        return new JmsPartnerSimulators(partners, simulators, faults, connectionFactory);
    }

    /** The county bureaus named by {@code assistx.simulators.county-bureau}, signing with their SM2 key. */
    @Bean
    CountyBureauSimulator countyBureauSimulator(SimulatorProperties props, ObjectMapper json, EnvelopeVerifier verifier,
            CertificateValidator gatewayTrust, SimulatorReplies replies, SimulatorFaults faults, Clock clock) {
        SimulatorProperties.CountyBureau bureau = props.countyBureau();
        Path dir = Path.of(props.certsDir(), "sm2");
        SigningIdentity identity = SigningIdentity.load(bureau.organisation(), CryptoProfile.SM2,
                dir.resolve(bureau.signer() + ".crt.pem"), dir.resolve(bureau.signer() + ".key.pem"));
        return new CountyBureauSimulator(bureau.partner(), json, new EnvelopeSigner(json, identity), verifier,
                gatewayTrust, replies, faults, clock);
    }

    /** Served at {@code /services/simulator/county-bureau}. */
    @Bean
    Endpoint countyBureauEndpoint(Bus bus, CountyBureauSimulator simulator) {
        EndpointImpl endpoint = new EndpointImpl(bus, simulator);
        endpoint.publish("/simulator/county-bureau");
        return endpoint;
    }
}
