package org.assistx.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.tracking.InboundRefusals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryServiceTest {

    private static final SigningIdentity AUTHORITY = FederationPki.authority("Directory Authority");
    private static final DirectoryMember SHENZHEN = FederationPki.member("shenzhen-4403", "4403", List.of("4403"));
    private static final DirectoryMember XIAN = FederationPki.member("xian-6101", "6101", List.of("6101"));
    private static final DirectoryMember GUANGZHOU = FederationPki.member("guangzhou-4401", "4401", List.of("4401"));

    @TempDir
    Path dir;
    private Path authorityPem;
    private Path cache;
    private InboundRefusals refusals;
    private HttpServer server;

    @BeforeEach
    void setUp() throws IOException {
        authorityPem = dir.resolve("authority.crt.pem");
        Files.writeString(authorityPem, Pem.toPem(AUTHORITY.certificate()));
        cache = dir.resolve("data/federation/directory.json");
        refusals = mock(InboundRefusals.class);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop(0);
        }
    }

    private DirectoryService service(String source) {
        FederationProperties properties = new FederationProperties(true, "xian-6101",
                new FederationProperties.DirectorySettings(source, List.of(authorityPem), Duration.ofMinutes(1), cache), null);
        return new DirectoryService(properties, refusals, Clock.systemUTC());
    }

    /** The service on a file source holding {@code text}, started (cache read, source read). */
    private DirectoryService startedOn(Path source, String text) throws IOException {
        Files.writeString(source, text);
        DirectoryService service = service(source.toString());
        service.afterSingletonsInstantiated();
        return service;
    }

    private static String signed(long version, DirectoryMember... members) {
        return DirectoryDocument.sign(FederationPki.directory(version, Duration.ofDays(7), members), AUTHORITY);
    }

    @Test
    void aNewerVersionIsTakenCachedAndAnnounced() throws IOException {
        Path source = dir.resolve("published.json");
        Files.writeString(source, signed(1, SHENZHEN, XIAN));
        DirectoryService service = service(source.toString());
        List<Long> heard = new CopyOnWriteArrayList<>();
        service.onChange(d -> heard.add(d.version()));

        service.afterSingletonsInstantiated();

        assertThat(service.current().orElseThrow().version()).isEqualTo(1);
        assertThat(Files.readString(cache)).isEqualTo(Files.readString(source));
        Instant firstFetch = service.status().fetchedAt();
        assertThat(firstFetch).isNotNull();

        service.refresh();
        assertThat(heard).containsExactly(1L);

        String v2 = signed(2, SHENZHEN, XIAN, GUANGZHOU);
        Files.writeString(source, v2);
        service.refresh();

        assertThat(heard).containsExactly(1L, 2L);
        assertThat(service.current().orElseThrow().serving("440106001").orElseThrow().id()).isEqualTo("guangzhou-4401");
        assertThat(Files.readString(cache)).isEqualTo(v2);
        DirectoryService.Status status = service.status();
        assertThat(status.version()).isEqualTo(2);
        assertThat(status.lastError()).isNull();
        assertThat(status.members()).hasSize(3);
        assertThat(status.expired()).isFalse();
        try (var left = Files.list(cache.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("directory.json");
        }
        verify(refusals, never()).record(argThat(e -> true));
    }

    @Test
    void aForgedOrOlderDirectoryLeavesTheLastGoodCopyInForce() throws IOException {
        Path source = dir.resolve("published.json");
        DirectoryService service = startedOn(source, signed(5, SHENZHEN, XIAN));
        String good = Files.readString(cache);

        SigningIdentity rogue = FederationPki.authority("Directory Authority");
        Files.writeString(source, DirectoryDocument.sign(FederationPki.directory(6, Duration.ofDays(7), XIAN), rogue));
        service.refresh();
        service.refresh();

        assertThat(service.current().orElseThrow().version()).isEqualTo(5);
        assertThat(service.status().lastError().code()).isEqualTo("DIRECTORY_SIGNATURE_INVALID");
        assertThat(Files.readString(cache)).isEqualTo(good);
        // the same refusal twice is recorded once
        verify(refusals, times(1)).record(argThat(e -> e.channel() == InboundRefusals.Channel.DIRECTORY
                && e.code().equals("DIRECTORY_SIGNATURE_INVALID") && e.sender().equals(source.toString())));

        Files.writeString(source, signed(4, SHENZHEN));
        service.refresh();

        assertThat(service.current().orElseThrow().version()).isEqualTo(5);
        assertThat(service.status().lastError().code()).isEqualTo("DIRECTORY_OLDER");
        verify(refusals).record(argThat(e -> e.code().equals("DIRECTORY_OLDER")));
        assertThat(Files.readString(cache)).isEqualTo(good);
    }

    @Test
    void aSourceGoneKeepsTheLastGoodCopyAndARestartReadsTheCache() throws IOException {
        Path source = dir.resolve("published.json");
        DirectoryService first = startedOn(source, signed(3, SHENZHEN, XIAN));

        Files.delete(source);
        first.refresh();
        assertThat(first.current().orElseThrow().version()).isEqualTo(3);
        assertThat(first.status().lastError().code()).isEqualTo("DIRECTORY_UNAVAILABLE");

        DirectoryService restarted = service(source.toString());
        AtomicReference<Directory> heard = new AtomicReference<>();
        restarted.onChange(heard::set);
        restarted.afterSingletonsInstantiated();

        assertThat(restarted.current().orElseThrow().version()).isEqualTo(3);
        assertThat(heard.get().version()).isEqualTo(3);
        assertThat(restarted.status().fetchedAt()).isNull();
        assertThat(restarted.status().lastError().code()).isEqualTo("DIRECTORY_UNAVAILABLE");
        // a listener registered later hears the directory in force at once
        AtomicReference<Directory> late = new AtomicReference<>();
        restarted.onChange(late::set);
        assertThat(late.get().version()).isEqualTo(3);
    }

    @Test
    void aTamperedCacheIsNotTrusted() throws IOException {
        Path source = dir.resolve("published.json");
        startedOn(source, signed(3, SHENZHEN, XIAN));
        Files.writeString(cache, Files.readString(cache).replace("4403", "4404"));
        Files.delete(source);

        DirectoryService restarted = service(source.toString());
        restarted.afterSingletonsInstantiated();

        assertThat(restarted.current()).isEmpty();
        verify(refusals).record(argThat(e -> e.code().equals("DIRECTORY_SIGNATURE_INVALID")
                && e.sender().equals(cache.toString())));
    }

    @Test
    void anExpiredCachedCopyStaysInForceButRoutesNoNewRequest() throws IOException {
        Instant issued = Instant.now().minus(Duration.ofDays(9));
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, DirectoryDocument.sign(
                new Directory(8, issued, issued.plus(Duration.ofDays(7)), List.of(SHENZHEN)), AUTHORITY));

        DirectoryService service = service(dir.resolve("nowhere.json").toString());
        service.afterSingletonsInstantiated();

        assertThat(service.current().orElseThrow().version()).isEqualTo(8);
        assertThat(service.forNewRequests(Instant.now())).isEmpty();
        assertThat(service.status().expired()).isTrue();
    }

    @Test
    void anHttpSourceIsReadAndItsOutageKeepsTheLastGoodCopy() throws IOException {
        AtomicReference<String> published = new AtomicReference<>(signed(1, SHENZHEN));
        AtomicReference<Integer> status = new AtomicReference<>(200);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/directory.json", ex -> {
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), status.get() == 200 ? body.length : -1);
            try (OutputStream out = ex.getResponseBody()) {
                if (status.get() == 200) {
                    out.write(body);
                }
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/directory.json";
        DirectoryService service = service(url);
        service.afterSingletonsInstantiated();
        assertThat(service.current().orElseThrow().version()).isEqualTo(1);

        published.set(signed(2, SHENZHEN, XIAN));
        service.refresh();
        assertThat(service.current().orElseThrow().version()).isEqualTo(2);

        status.set(503);
        service.refresh();
        assertThat(service.current().orElseThrow().version()).isEqualTo(2);
        assertThat(service.status().lastError().code()).isEqualTo("DIRECTORY_UNAVAILABLE");
        assertThat(service.status().lastError().message()).contains("HTTP 503");

        server.stop(0);
        server = null;
        service.refresh();
        assertThat(service.current().orElseThrow().version()).isEqualTo(2);
        assertThat(service.status().lastError().code()).isEqualTo("DIRECTORY_UNAVAILABLE");
    }

    @Test
    void offItHoldsNothing() {
        DirectoryService off = new DirectoryService(new FederationProperties(false, null, null, null), refusals,
                Clock.systemUTC());
        off.afterSingletonsInstantiated();
        off.refresh();
        assertThat(off.current()).isEmpty();
        assertThat(off.status().enabled()).isFalse();
    }
}
