package org.assistx.gateway.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.deployers.impl.FileConfigurationParser;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.utils.XMLUtil;

/**
 * One broker of the shipped broker pair as an operating-system process of its own (so that it can be killed
 * with {@code SIGKILL}): the gateway's settings from {@code docs/deploy/broker.xml} plus the pair fragment
 * {@code docs/deploy/broker-pair/<role>.xml}, read by Artemis's own parser with its {@code ${...}}
 * substitution from system properties, as a deployed broker reads them. Prints {@code BROKER ACTIVE} once it
 * serves clients (at once for the primary, after the fail-over for the backup).
 *
 * <p>Arguments: {@code <role: primary|backup> <shared journal dir> <own port> <peer port>}.
 */
public final class BrokerNode {

    static final Path PAIR_SETTINGS = Path.of("docs", "deploy", "broker-pair");

    private BrokerNode() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        Path shared = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        int peerPort = Integer.parseInt(args[3]);
        System.setProperty("assistx.broker.self", "127.0.0.1:" + port);
        System.setProperty("assistx.broker.peer", "127.0.0.1:" + peerPort);
        System.setProperty("assistx.broker.cluster-password", "pair-test");

        Configuration config = ExternalBroker.configuration(shared, port, true).setName(role);
        String fragment = XMLUtil.replaceSystemPropsInString(Files.readString(PAIR_SETTINGS.resolve(role + ".xml")));
        new FileConfigurationParser().parseMainConfig(XMLUtil.stringToElement(fragment), config);

        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        System.out.println("BROKER STARTED " + role);
        broker.getActiveMQServer().waitForActivation(Long.MAX_VALUE, java.util.concurrent.TimeUnit.MILLISECONDS);
        System.out.println("BROKER ACTIVE " + role);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        Thread.currentThread().join();
    }
}
