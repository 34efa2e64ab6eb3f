package org.assistx.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Shared set-up of tests that start the whole gateway: a fresh data directory per test context. */
public final class GatewayTestSupport {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    private GatewayTestSupport() {
    }

    /**
     * Points H2 and the Artemis journal at a new folder under {@code target/test-data/}; with
     * {@code -Dassistx.test.db=postgresql}, the store at a fresh PostgreSQL schema instead ({@link TestDatabase}).
     */
    public static Path freshDataDir(DynamicPropertyRegistry registry, String name) {
        Path dir = Path.of("target", "test-data", name + "-" + ProcessHandle.current().pid() + "-"
                + CONTEXTS.incrementAndGet()).toAbsolutePath();
        registry.add("assistx.data-dir", dir::toString);
        TestDatabase.register(registry, name);
        return dir;
    }

    /**
     * Federation on, as member {@code memberId}, for a test that puts its own directory in force (a
     * {@code @Primary FederationDirectory} bean): the gateway's own directory service is given a source that does
     * not exist and the sample SM2 root as its authority, so it starts and never has a directory of its own.
     */
    public static void federationWithTestDirectory(DynamicPropertyRegistry registry, String memberId, Path dataDir) {
        registry.add("assistx.federation.enabled", () -> "true");
        registry.add("assistx.federation.member-id", () -> memberId);
        registry.add("assistx.federation.directory.source", () -> dataDir.resolve("no-directory.json").toString());
        registry.add("assistx.federation.directory.authority-certificates", () -> "certs-sample/sm2/root-ca.pem");
    }

    /** Copies a folder with everything in it (e.g. a partner folder) to {@code to}. */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
