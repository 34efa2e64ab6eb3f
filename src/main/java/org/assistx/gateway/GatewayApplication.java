package org.assistx.gateway;

import org.assistx.gateway.audit.AuditCheck;
import org.assistx.gateway.partner.PartnerCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** AssistX Gateway: cross-jurisdiction verification messages for residence-based social assistance. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        if (args.length > 0 && PartnerCheck.COMMAND.equals(args[0])) {
            // the integrator's check of partner folders, before (and without) starting the gateway
            System.exit(PartnerCheck.run(java.util.Arrays.asList(args).subList(1, args.length), System.out));
        }
        if (args.length > 0 && AuditCheck.COMMAND.equals(args[0])) {
            // the check of the audit chain, straight on the database, without starting the gateway
            System.exit(AuditCheck.run(java.util.Arrays.asList(args).subList(1, args.length), System.getenv(),
                    System.out));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
