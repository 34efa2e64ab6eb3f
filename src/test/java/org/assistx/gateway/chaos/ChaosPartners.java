package org.assistx.gateway.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assistx.gateway.e2e.PartnerSwitch;

/**
 * The shipped partner folders, copied ({@link PartnerSwitch#copyPartners}) and given quick delivery settings
 * so that a partner that stays down runs out of retries in a few seconds rather than minutes: every partner
 * gets the same short timeouts and retry block, and a circuit breaker (where one is declared) that half-opens
 * again after two seconds.
 * Everything else — coverage, transport, crypto, mapping, simulator — is the folder as shipped.
 */
final class ChaosPartners {

    static final String CONNECT_TIMEOUT = "PT1S";
    static final String RESPONSE_TIMEOUT = "PT1.5S";
    static final int MAXIMUM_REDELIVERIES = 2;
    static final String INITIAL_DELAY = "PT0.2S";
    static final String MAXIMUM_DELAY = "PT1S";
    static final String BREAKER_OPEN = "PT2S";

    private ChaosPartners() {
    }

    /** Rewrites the descriptor of every partner folder under {@code partners} (a copy of the shipped ones). */
    static void quicken(Path partners) {
        try (Stream<Path> folders = Files.list(partners)) {
            folders.map(f -> f.resolve("partner.yaml")).filter(Files::isRegularFile).forEach(ChaosPartners::quickenOne);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + partners, e);
        }
    }

    private static void quickenOne(Path descriptor) {
        YAMLMapper yaml = new YAMLMapper();
        try {
            ObjectNode d = (ObjectNode) yaml.readTree(descriptor.toFile());
            ObjectNode timeouts = d.putObject("timeouts");
            timeouts.put("connect", CONNECT_TIMEOUT);
            timeouts.put("response", RESPONSE_TIMEOUT);
            ObjectNode retry = d.putObject("retry");
            retry.put("maximumRedeliveries", MAXIMUM_REDELIVERIES);
            retry.put("initialDelay", INITIAL_DELAY);
            retry.put("multiplier", 2.0);
            retry.put("maximumDelay", MAXIMUM_DELAY);
            if (d.get("circuitBreaker") instanceof ObjectNode breaker) {
                breaker.put("waitDurationInOpenState", BREAKER_OPEN);
            }
            yaml.writeValue(descriptor.toFile(), d);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + descriptor, e);
        }
    }
}
