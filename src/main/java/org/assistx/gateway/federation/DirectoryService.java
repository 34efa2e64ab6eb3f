package org.assistx.gateway.federation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.tracking.InboundRefusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The directory in force on this gateway. Always a bean: with {@code assistx.federation.enabled=false} it holds
 * nothing and does nothing, so code that injects {@link FederationDirectory} needs no condition.
 *
 * <p>At start (once every bean exists, so listeners registered in constructors hear it): the cache file, the last
 * good copy, is verified again (signature and authority; an expired copy is kept, and reported), then the source
 * is read. After that {@link #refresh()} runs every {@code refresh-interval} ({@code core-schedule-directory}); each
 * node reads and keeps its own copy. A directory read is verified: a newer version is written to the cache file
 * (temporary file and move) and put in force, and the listeners are told; the same version changes nothing; an
 * older one ({@code DIRECTORY_OLDER}), a forged, malformed or expired one, or a source that cannot be read leave the
 * last good copy in force. Each refusal is logged (WARN, with its code) and recorded in the inbound refusals
 * (channel {@code DIRECTORY}; the same refusal again is recorded once).
 */
@Component
public class DirectoryService implements FederationDirectory, SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DirectoryService.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_BYTES = 32 * 1024 * 1024;

    /** A refusal or failure of a read: its code, what was wrong, when. */
    public record Problem(String code, String message, Instant at) {
    }

    /**
     * What the operations API shows.
     *
     * @param expired   whether the directory in force is past its {@code validUntil} (no new request is routed)
     * @param fetchedAt the last successful read of the source (a directory that verified, new or not)
     * @param lastError the problem of the last read, {@code null} once a read succeeds again
     */
    public record Status(boolean enabled, String memberId, Long version, Instant issuedAt, Instant validUntil,
            boolean expired, String source, Instant fetchedAt, Instant lastCheckAt, Problem lastError,
            List<DirectoryMember> members) {
    }

    private final FederationProperties properties;
    private final InboundRefusals refusals;
    private final Clock clock;
    private final List<X509Certificate> authorities;
    private final List<Consumer<Directory>> listeners = new CopyOnWriteArrayList<>();
    private final HttpClient http;

    private volatile Directory current;
    private volatile Instant fetchedAt;
    private volatile Instant lastCheckAt;
    private volatile Problem lastError;
    private String lastRecorded;

    public DirectoryService(FederationProperties properties, InboundRefusals refusals, Clock clock) {
        this.properties = properties;
        this.refusals = refusals;
        this.clock = clock;
        if (!properties.enabled()) {
            this.authorities = List.of();
            this.http = null;
            return;
        }
        FederationProperties.DirectorySettings settings = properties.directory();
        if (settings.source().isEmpty() || settings.authorityCertificates().isEmpty()
                || settings.cacheFile() == null) {
            throw new IllegalStateException("assistx.federation.enabled is true but assistx.federation.directory."
                    + "source, authority-certificates or cache-file is not set");
        }
        List<X509Certificate> read = new ArrayList<>();
        settings.authorityCertificates().forEach(p -> read.addAll(Pem.readCertificates(p)));
        this.authorities = List.copyOf(read);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (properties.enabled()) {
            readCache();
            refresh();
        }
    }

    @Override
    public Optional<Directory> current() {
        return Optional.ofNullable(current);
    }

    /** Registers the listener; if a directory is already in force, it is told of it at once. */
    @Override
    public void onChange(Consumer<Directory> listener) {
        listeners.add(listener);
        Directory now = current;
        if (now != null) {
            listener.accept(now);
        }
    }

    /** Reads the source once and puts a newer directory in force (the scheduled job). */
    public synchronized void refresh() {
        if (!properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        lastCheckAt = now;
        String source = properties.directory().source();
        String text;
        try {
            text = read(source);
        } catch (IOException | RuntimeException e) {
            Problem problem = new Problem(Code.DIRECTORY_UNAVAILABLE.name(), e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), now);
            lastError = problem;
            log.warn("Directory source {} cannot be read ({}); version {} stays in force: {}", source,
                    problem.code(), current == null ? "none" : current.version(), problem.message());
            return;
        }
        Directory read;
        try {
            read = DirectoryDocument.verify(text, authorities, now);
            Directory inForce = current;
            if (inForce != null && read.version() < inForce.version()) {
                throw new GatewayException(Code.DIRECTORY_OLDER, "version " + read.version()
                        + " is older than version " + inForce.version() + " in force");
            }
        } catch (GatewayException e) {
            refuse(e, source, text, now);
            return;
        }
        fetchedAt = now;
        lastError = null;
        if (current != null && read.version() == current.version()) {
            return;
        }
        writeCache(text);
        putInForce(read, "from " + source);
    }

    /** What the operations API shows. */
    public Status status() {
        Directory d = current;
        Instant now = clock.instant();
        return new Status(properties.enabled(), properties.memberId(), d == null ? null : d.version(),
                d == null ? null : d.issuedAt(), d == null ? null : d.validUntil(),
                d != null && !now.isBefore(d.validUntil()), properties.directory().source(), fetchedAt, lastCheckAt,
                lastError, d == null ? List.of() : d.members());
    }

    private void readCache() {
        Path cache = properties.directory().cacheFile();
        if (!Files.isRegularFile(cache)) {
            log.info("No cached directory at {}: none in force until the source {} is read", cache,
                    properties.directory().source());
            return;
        }
        Instant now = clock.instant();
        String text;
        try {
            text = Files.readString(cache, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("The cached directory {} cannot be read: {}", cache, e.getMessage());
            return;
        }
        Directory cached;
        try {
            cached = DirectoryDocument.verify(text, authorities);
        } catch (GatewayException e) {
            refuse(e, cache.toString(), text, now);
            return;
        }
        putInForce(cached, "from the cache " + cache);
        if (!cached.validAt(now)) {
            lastError = new Problem(Code.DIRECTORY_EXPIRED.name(), "the cached directory version "
                    + cached.version() + " is valid until " + cached.validUntil()
                    + "; kept in force, but no new request is routed until a valid one is read", now);
            log.warn("Cached directory version {} expired at {} ({}): kept for answers under way, no new request "
                    + "is routed to a member", cached.version(), cached.validUntil(), Code.DIRECTORY_EXPIRED);
        }
    }

    private void putInForce(Directory directory, String from) {
        current = directory;
        log.info("Directory version {} ({} members, valid until {}) in force, {}", directory.version(),
                directory.members().size(), directory.validUntil(), from);
        for (Consumer<Directory> listener : listeners) {
            try {
                listener.accept(directory);
            } catch (RuntimeException e) {
                log.error("A directory listener failed on version {}", directory.version(), e);
            }
        }
    }

    private void refuse(GatewayException e, String source, String text, Instant now) {
        lastError = new Problem(e.code(), e.getMessage(), now);
        log.warn("Directory from {} refused ({}); version {} stays in force: {}", source, e.code(),
                current == null ? "none" : current.version(), e.getMessage());
        String key = e.code() + "|" + text.hashCode() + "|" + (current == null ? 0 : current.version());
        if (key.equals(lastRecorded)) {
            return;
        }
        lastRecorded = key;
        refusals.record(new InboundRefusals.Entry(InboundRefusals.Channel.DIRECTORY, source, null, e.code(), null,
                null, null, e.getMessage()));
    }

    private String read(String source) throws IOException {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(source)).timeout(READ_TIMEOUT).GET()
                    .header("Accept", "application/json").build();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + source);
            }
            if (response.body().length > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes");
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        }
        Path file = Path.of(source);
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private void writeCache(String text) {
        Path cache = properties.directory().cacheFile().toAbsolutePath();
        try {
            Files.createDirectories(cache.getParent());
            Path temp = Files.createTempFile(cache.getParent(), cache.getFileName().toString(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, cache, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.error("The directory cannot be written to the cache {}: after a restart the previous copy is read",
                    cache, e);
        }
    }
}
