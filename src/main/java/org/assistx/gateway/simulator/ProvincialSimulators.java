package org.assistx.gateway.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.partner.PartnerDescriptorLoader;
import org.assistx.gateway.partner.PartnerRegistry;

/**
 * The provincial simulators of the partner folders that have a {@code simulator.yaml}, read from the
 * partner directory and read again when the folder's files change: a copied folder brings its simulator
 * along, with no restart.
 */
public class ProvincialSimulators {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private record Loaded(FileTime version, ProvincialSimulator simulator) {
    }

    private final PartnerRegistry partners;
    private final ObjectMapper json;
    private final EnvelopeVerifier verifier;
    private final CertificateValidator gatewayTrust;
    private final SimulatorReplies replies;
    private final Clock clock;
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    public ProvincialSimulators(PartnerRegistry partners, ObjectMapper json, EnvelopeVerifier verifier,
            CertificateValidator gatewayTrust, SimulatorReplies replies, Clock clock) {
        this.partners = partners;
        this.json = json;
        this.verifier = verifier;
        this.gatewayTrust = gatewayTrust;
        this.replies = replies;
        this.clock = clock;
    }

    /** The simulator of the partner folder {@code id}, if the folder has one. */
    Optional<ProvincialSimulator> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path folder = partners.directory().resolve(id);
        if (!ProvincialSimulator.present(folder)) {
            cache.remove(id);
            return Optional.empty();
        }
        FileTime version = version(folder);
        Loaded loaded = cache.compute(id, (k, old) -> old != null && old.version().equals(version) ? old
                : new Loaded(version, ProvincialSimulator.load(folder, json, verifier, gatewayTrust, replies, clock)));
        return Optional.of(loaded.simulator());
    }

    private static FileTime version(Path folder) {
        try {
            FileTime a = Files.getLastModifiedTime(folder.resolve(ProvincialSimulator.FILE));
            FileTime b = Files.getLastModifiedTime(folder.resolve(PartnerDescriptorLoader.DESCRIPTOR));
            return a.compareTo(b) >= 0 ? a : b;
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
