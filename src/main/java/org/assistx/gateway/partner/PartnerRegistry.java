package org.assistx.gateway.partner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assistx.gateway.config.PartnerProperties;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.mapping.MappingSpec;
import org.assistx.gateway.mapping.RecordMapper;
import org.assistx.gateway.policy.PartnerDirectory;
import org.assistx.gateway.policy.RouteTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partners of this deployment, loaded from their folders at start. Routing picks the partner whose
 * coverage is the most specific prefix of a division.
 */
public class PartnerRegistry implements PartnerDirectory {

    private static final Logger log = LoggerFactory.getLogger(PartnerRegistry.class);

    /** A loaded partner: its descriptor, the trust its messages must chain to, and its mapping. */
    public record Partner(PartnerDescriptor descriptor, CertificateValidator trust, RecordMapper mapper) {
        public String id() {
            return descriptor.id();
        }
    }

    private final PartnerDescriptorLoader loader = new PartnerDescriptorLoader();
    private final PartnerProperties properties;
    private final List<X509CRL> crls;
    private volatile Map<String, Partner> partners = Map.of();

    public PartnerRegistry(PartnerProperties properties, List<X509CRL> crls) {
        this.properties = properties;
        this.crls = List.copyOf(crls);
    }

    /** Loads every partner folder; the previous set stays in force if any folder is invalid. */
    public synchronized List<PartnerDescriptor> load() {
        Path dir = Path.of(properties.directory());
        Map<String, Partner> loaded = new LinkedHashMap<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(p -> Files.isRegularFile(p.resolve(PartnerDescriptorLoader.DESCRIPTOR)))
                    .sorted().toList()) {
                Partner p = loadOne(folder);
                loaded.put(p.id(), p);
            }
        } catch (IOException e) {
            throw new PartnerConfigException(dir + ": partner directory cannot be listed: " + e.getMessage(), e);
        }
        partners = Map.copyOf(loaded);
        loaded.values().forEach(p -> log.info("Partner {} ({}) covers {} over {}", p.id(),
                p.descriptor().title(), p.descriptor().covers(), p.descriptor().transport()));
        return loaded.values().stream().map(Partner::descriptor).toList();
    }

    private Partner loadOne(Path folder) {
        PartnerDescriptor d = loader.load(folder);
        Path anchor = Path.of(d.crypto().trustAnchor());
        CertificateValidator trust;
        try {
            trust = new CertificateValidator(List.of(Pem.readCertificate(anchor)), crls);
        } catch (RuntimeException e) {
            throw new PartnerConfigException(folder.resolve(PartnerDescriptorLoader.DESCRIPTOR)
                    + ": field 'crypto.trustAnchor' cannot be read from " + anchor + ": " + e.getMessage(), e);
        }
        RecordMapper mapper = new RecordMapper(MappingSpec.load(d.mappingFile()), d.id());
        return new Partner(d, trust, mapper);
    }

    public Optional<Partner> find(String id) {
        return Optional.ofNullable(partners.get(id));
    }

    public Partner get(String id) {
        return find(id).orElseThrow(() -> new PartnerConfigException("no partner '" + id + "' is configured"));
    }

    public List<Partner> all() {
        return List.copyOf(partners.values());
    }

    /** The partner with the most specific coverage of the division. */
    public Optional<Partner> covering(String division) {
        return partners.values().stream()
                .filter(p -> p.descriptor().coverage(division) >= 0)
                .max(Comparator.comparingInt(p -> p.descriptor().coverage(division)));
    }

    @Override
    public Optional<RouteTarget> partnerCovering(String division) {
        return covering(division).map(p -> new RouteTarget(p.id(), p.descriptor().organisation()));
    }
}
