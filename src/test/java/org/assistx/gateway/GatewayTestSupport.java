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
