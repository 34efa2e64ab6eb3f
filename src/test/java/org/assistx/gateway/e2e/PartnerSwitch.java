package org.assistx.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assistx.gateway.partner.PartnerRegistry;

/**
 * The county-bureau partner folder copied to a test directory, so a test can take the partner down (its
 * endpoint pointed at a closed port) and bring it back, through a real reload of the partner registry.
 */
public final class PartnerSwitch {

    public static final String PARTNER = "xian-county-bureaus";

    private final Path descriptor;
    private final String original;

    private PartnerSwitch(Path dir) {
        this.descriptor = dir.resolve(PARTNER).resolve("partner.yaml");
        try {
            this.original = Files.readString(descriptor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code routes/partners} under {@code dataDir}/partners and returns the copy's switch. */
    public static PartnerSwitch copyPartners(Path dataDir) {
        Path target = dataDir.resolve("partners");
        Path source = Path.of("routes", "partners");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PartnerSwitch(target);
    }

    public Path directory() {
        return descriptor.getParent().getParent();
    }

    /** Points the partner at a port where nothing listens, and reloads the registry. */
    public void down(PartnerRegistry registry) {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(original.replaceFirst("(?m)^endpoint:.*$", "endpoint: http://127.0.0.1:" + port + "/closed"));
        registry.load();
    }

    /** Back to the simulator, and reload. */
    public void up(PartnerRegistry registry) {
        write(original);
        registry.load();
    }

    private void write(String text) {
        try {
            Files.writeString(descriptor, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
