package org.assistx.gateway;

import org.assistx.gateway.audit.AuditCheck;
import org.assistx.gateway.federation.DirectoryBuild;
import org.assistx.gateway.ops.OperatorPasswords;
import org.assistx.gateway.partner.PartnerCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** AssistX Gateway: cross-jurisdiction verification messages for residence-based social assistance. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) throws java.io.IOException {
        if (args.length > 0 && PartnerCheck.COMMAND.equals(args[0])) {
            // the integrator's check of partner folders, before (and without) starting the gateway
            System.exit(PartnerCheck.run(java.util.Arrays.asList(args).subList(1, args.length), System.out));
        }
        if (args.length > 0 && AuditCheck.COMMAND.equals(args[0])) {
            // the check of the audit chain, straight on the database, without starting the gateway
            System.exit(AuditCheck.run(java.util.Arrays.asList(args).subList(1, args.length), System.getenv(),
                    System.out));
        }
        if (args.length > 0 && OperatorPasswords.COMMAND.equals(args[0])) {
            // an operator login's hash for the prod profile's ASSISTX_OPS_*_PASSWORD_HASH, password on stdin
            System.exit(OperatorPasswords.run(new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)), System.out, System.err));
        }
        if (args.length > 0 && DirectoryBuild.COMMAND.equals(args[0])) {
            // the directory authority's signed federation directory, built from a folder of member entries
            System.exit(DirectoryBuild.run(java.util.Arrays.asList(args).subList(1, args.length), System.out));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
