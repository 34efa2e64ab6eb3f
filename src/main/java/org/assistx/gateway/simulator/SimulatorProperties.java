package org.assistx.gateway.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in partner simulators ({@code assistx.simulators}): on in the default configuration, off in
 * prod. Each signs with its own sample key from {@code certs-dir}.
 *
 * @param countyBureau which county bureaus the SOAP simulator plays (by default 西安's)
 */
@ConfigurationProperties("assistx.simulators")
public record SimulatorProperties(boolean enabled, String certsDir, CountyBureau countyBureau) {

    public SimulatorProperties {
        certsDir = certsDir == null || certsDir.isBlank() ? "certs-sample" : certsDir;
        countyBureau = countyBureau == null ? new CountyBureau(null, null, null) : countyBureau;
    }

    /**
     * The county bureaus the SOAP simulator answers for ({@code assistx.simulators.county-bureau}): another city's
     * gateway (a federation's member) plays its own bureaus with the same simulator.
     *
     * @param partner      the id of the partner folder that reaches the simulator (its faults and answers are kept
     *                     under this id)
     * @param organisation the organisation code the bureaus sign their answers as (the folder's {@code organisation})
     * @param signer       the bureaus' signing certificate {@code <certs-dir>/sm2/<signer>.crt.pem} and key
     *                     {@code <signer>.key.pem} (the folder's {@code crypto.signer})
     */
    public record CountyBureau(String partner, String organisation, String signer) {
        public CountyBureau {
            partner = partner == null || partner.isBlank() ? "xian-county-bureaus" : partner;
            organisation = organisation == null || organisation.isBlank() ? "6101" : organisation;
            signer = signer == null || signer.isBlank() ? "county-bureau-" + organisation : signer;
        }
    }
}
