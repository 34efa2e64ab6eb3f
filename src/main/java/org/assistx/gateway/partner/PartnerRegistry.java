package org.assistx.gateway.partner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.mapping.MappingSpec;
import org.assistx.gateway.mapping.RecordMapper;
import org.assistx.gateway.policy.PartnerDirectory;
import org.assistx.gateway.policy.RouteTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partners of this deployment, loaded from their folders at start and reloaded on an operator's
 * request (operations API). Routing picks the partner whose coverage is the most specific prefix of a
 * division.
 */
public class PartnerRegistry implements PartnerDirectory {

    private static final Logger log = LoggerFactory.getLogger(PartnerRegistry.class);

    /**
     * A loaded partner: its descriptor, the trust its messages must chain to (made from its bundle), its
     * mapping, the trust bundle read from its folder, and the TLS context for its {@code https://} endpoint
     * ({@code null}: the JVM's defaults).
     */
    public record Partner(PartnerDescriptor descriptor, CertificateValidator trust, RecordMapper mapper,
            TrustBundle bundle, SSLContext tls) {
        public String id() {
            return descriptor.id();
        }
    }

    private final PartnerProperties properties;
    private final List<X509CRL> crls;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, Partner> partners = Map.of();
    /** Member gateways of the federation's directory, routes like partners (never from a folder). */
    private volatile Map<String, Partner> members = Map.of();
    /** Until when the members take new requests: the validity of the directory that listed them. */
    private volatile Instant membersRoutableUntil = Instant.MIN;
    private volatile Instant loadedAt;

    public PartnerRegistry(PartnerProperties properties, List<X509CRL> crls) {
        this.properties = properties;
        this.crls = List.copyOf(crls);
    }

    /**
     * Loads and validates every partner folder (descriptor, trust anchor, mapping, request template, samples;
     * see {@link PartnerValidator}) and puts the new set in force only if all of them are valid and no two
     * cover the same prefix; otherwise the previous set stays in force and the exception lists every problem.
     */
    public synchronized List<PartnerDescriptor> load() {
        Path dir = directory();
        List<Path> folders;
        try (Stream<Path> s = Files.list(dir)) {
            folders = s.filter(p -> Files.isRegularFile(p.resolve(PartnerDescriptorLoader.DESCRIPTOR))).sorted().toList();
        } catch (IOException e) {
            throw new PartnerConfigException(dir + ": partner directory cannot be listed: " + e.getMessage(), e);
        }
        PartnerValidator validator = new PartnerValidator(crls);
        Map<String, Partner> loaded = new LinkedHashMap<>();
        Map<String, String> coveredBy = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path folder : folders) {
            PartnerValidator.Report report = validator.validate(folder);
            problems.addAll(report.problems());
            report.partner().ifPresent(p -> {
                for (String prefix : p.descriptor().covers()) {
                    String other = coveredBy.putIfAbsent(prefix, p.id());
                    if (other != null) {
                        problems.add(folder.resolve(PartnerDescriptorLoader.DESCRIPTOR) + ": field 'covers' prefix '"
                                + prefix + "' is already covered by partner '" + other + "'");
                    }
                }
                loaded.put(p.id(), p);
            });
        }
        for (String id : loaded.keySet()) {
            if (members.containsKey(id)) {
                problems.add(dir.resolve(id) + ": partner id '" + id + "' is a member gateway's id in the directory");
            }
        }
        if (!problems.isEmpty()) {
            throw new PartnerConfigException(problems);
        }
        partners = Map.copyOf(loaded);
        loadedAt = Instant.now();
        loaded.values().forEach(p -> log.info("Partner {} ({}) covers {} over {}", p.id(),
                p.descriptor().title(), p.descriptor().covers(), p.descriptor().transport()));
        listeners.forEach(Runnable::run);
        return loaded.values().stream().map(Partner::descriptor).toList();
    }

    /**
     * Puts the federation's member gateways in force as routes (replacing the previous ones): a member is reached
     * like a partner, but a partner folder covering a place still wins over any member (see {@link #covering}).
     * A member whose id is a folder partner's is left out. Runs the listeners, like a reload. After
     * {@code routableUntil} (the directory's validity) no new request is routed to a member, but the members stay
     * known, so answers to requests already sent are still checked and recorded.
     */
    public synchronized void replaceMembers(List<Partner> gateways, Instant routableUntil) {
        Map<String, Partner> next = new LinkedHashMap<>();
        for (Partner m : gateways) {
            if (partners.containsKey(m.id())) {
                log.warn("Directory member {} has the id of a partner folder; the folder is used", m.id());
                continue;
            }
            next.put(m.id(), m);
        }
        members = Map.copyOf(next);
        membersRoutableUntil = routableUntil;
        next.values().forEach(p -> log.info("Member gateway {} ({}) serves {} at {}", p.id(), p.descriptor().title(),
                p.descriptor().covers(), p.descriptor().endpoint()));
        listeners.forEach(Runnable::run);
    }

    /** The folder partner folders are read from. */
    public Path directory() {
        return Path.of(properties.directory());
    }

    /** When the set in force was loaded. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** Runs after every successful (re)load, e.g. to start what new partners need. */
    public void onLoad(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Loads one partner folder: descriptor, trust bundle and mapping (no sample replay). {@code crls} are
     * the deployment's own CRLs, checked besides the bundle's.
     */
    public static Partner loadPartner(Path folder, List<X509CRL> crls) {
        PartnerDescriptor d = new PartnerDescriptorLoader().load(folder);
        TrustBundle bundle = TrustBundle.read(d.crypto().trust(),
                folder.resolve(PartnerDescriptorLoader.DESCRIPTOR) + ": field 'crypto.trust'");
        RecordMapper mapper = new RecordMapper(MappingSpec.load(d.mappingFile()), d.id());
        SSLContext tls = d.tls() == null ? null
                : PartnerTls.context(d.tls(), folder.resolve(PartnerDescriptorLoader.DESCRIPTOR).toString());
        return new Partner(d, bundle.validator(crls, d.crypto().revocation().sources(java.time.Clock.systemUTC())),
                mapper, bundle, tls);
    }

    public Optional<Partner> find(String id) {
        Partner p = partners.get(id);
        return p != null ? Optional.of(p) : Optional.ofNullable(members.get(id));
    }

    public Partner get(String id) {
        return find(id).orElseThrow(() -> new PartnerConfigException("no partner '" + id + "' is configured"));
    }

    /** The partners of the folders, then the member gateways of the directory. */
    public List<Partner> all() {
        List<Partner> all = new ArrayList<>(partners.values());
        all.addAll(members.values());
        return List.copyOf(all);
    }

    /** The partners of the folders only. */
    public List<Partner> folders() {
        return List.copyOf(partners.values());
    }

    /**
     * The route for a division: the partner folder with the most specific coverage of it; where no folder covers
     * it, the member gateway of the directory with the most specific coverage (a folder for a province system
     * thus still wins over a city's gateway inside that province), while the directory that lists it is valid.
     */
    public Optional<Partner> covering(String division) {
        Optional<Partner> folder = mostSpecific(partners.values(), division);
        if (folder.isPresent() || !Instant.now().isBefore(membersRoutableUntil)) {
            return folder;
        }
        return mostSpecific(members.values(), division);
    }

    private static Optional<Partner> mostSpecific(java.util.Collection<Partner> candidates, String division) {
        return candidates.stream()
                .filter(p -> p.descriptor().coverage(division) >= 0)
                .max(Comparator.comparingInt(p -> p.descriptor().coverage(division)));
    }

    @Override
    public Optional<RouteTarget> partnerCovering(String division) {
        return covering(division).map(p -> new RouteTarget(p.id(), p.descriptor().organisation()));
    }
}
