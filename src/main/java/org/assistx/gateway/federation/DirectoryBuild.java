package org.assistx.gateway.federation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.MessageType;

/**
 * The directory authority's command: builds the signed directory from a folder of member entries, without
 * starting the gateway.
 *
 * <pre>
 * java -jar target/assistx-gateway.jar build-directory --members &lt;dir&gt; --authority-cert &lt;pem&gt;
 *     --authority-key &lt;pem&gt; --version &lt;n&gt; [--valid-for P30D] --out &lt;file&gt;
 * </pre>
 *
 * One entry per file {@code <dir>/<id>.yaml}, read in file-name order: the fields of {@link DirectoryMember}, with
 * {@code signingCertificates} and {@code tlsCertificates} as PEM files relative to the entry (embedded as base64
 * DER). The directory is issued now and valid for {@code --valid-for}. Exit status 0 when the file is written,
 * 1 when an entry or the authority's key is wrong (the file named, nothing written), 2 for a usage error.
 */
public final class DirectoryBuild {

    public static final String COMMAND = "build-directory";
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    /** One entry file as written: certificates as PEM file names. */
    record Entry(String id, String organisation, String title, List<String> divisions, List<String> exchangeUrls,
            List<String> signingCertificates, List<String> tlsCertificates, List<CryptoProfile> cryptoProfiles,
            List<MessageType> messageTypes) {
    }

    private DirectoryBuild() {
    }

    /** Runs the command on its arguments (the command name already removed); returns the exit status. */
    public static int run(List<String> args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!List.of("--members", "--authority-cert", "--authority-key", "--version", "--valid-for", "--out")
                    .contains(a)) {
                return usage(out, "unknown argument " + a);
            }
            if (i + 1 >= args.size()) {
                return usage(out, a + " needs a value");
            }
            if (options.put(a, args.get(++i)) != null) {
                return usage(out, a + " is given twice");
            }
        }
        for (String required : List.of("--members", "--authority-cert", "--authority-key", "--version", "--out")) {
            if (!options.containsKey(required)) {
                return usage(out, required + " is required");
            }
        }
        long version;
        Duration validFor;
        try {
            version = Long.parseLong(options.get("--version"));
            validFor = Duration.parse(options.getOrDefault("--valid-for", DEFAULT_VALIDITY.toString()));
        } catch (NumberFormatException | DateTimeParseException e) {
            return usage(out, "--version must be a whole number and --valid-for an ISO-8601 duration (P30D)");
        }
        if (version < 1 || validFor.isNegative() || validFor.isZero()) {
            return usage(out, "--version must be 1 or more and --valid-for positive");
        }
        Path folder = Path.of(options.get("--members"));
        if (!Files.isDirectory(folder)) {
            return usage(out, folder + " is not a folder");
        }

        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            out.println("PROBLEM " + folder + ": cannot be listed: " + e.getMessage());
            return 1;
        }
        if (files.isEmpty()) {
            out.println("PROBLEM " + folder + ": holds no <id>.yaml member entry");
            return 1;
        }
        List<DirectoryMember> members = new ArrayList<>();
        Map<String, Path> fileOf = new LinkedHashMap<>();
        int problems = 0;
        for (Path file : files) {
            try {
                DirectoryMember member = member(file);
                DirectoryDocument.checkMember(member);
                members.add(member);
                fileOf.put(member.id(), file);
            } catch (GatewayException | IOException | IllegalArgumentException e) {
                out.println("PROBLEM " + file + ": " + describe(e));
                problems++;
            }
        }
        if (problems > 0) {
            out.println("NOT BUILT: " + problems + " bad entr" + (problems == 1 ? "y" : "ies") + ", nothing written");
            return 1;
        }

        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Directory directory = new Directory(version, issuedAt, issuedAt.plus(validFor), members);
        String text;
        try {
            DirectoryDocument.check(directory);
        } catch (GatewayException e) {
            String message = e.getMessage();
            for (Map.Entry<String, Path> f : fileOf.entrySet()) {
                message = message.replaceAll("\\b" + java.util.regex.Pattern.quote(f.getKey()) + "\\b",
                        f.getKey() + " (" + f.getValue().getFileName() + ")");
            }
            out.println("PROBLEM " + e.code() + ": " + message);
            out.println("NOT BUILT: nothing written");
            return 1;
        }
        try {
            SigningIdentity authority = SigningIdentity.load("directory-authority", DirectoryDocument.PROFILE,
                    Path.of(options.get("--authority-cert")), Path.of(options.get("--authority-key")));
            text = DirectoryDocument.sign(directory, authority);
        } catch (GatewayException e) {
            out.println("PROBLEM authority " + options.get("--authority-cert") + " / " + options.get("--authority-key")
                    + ": " + e.code() + ": " + e.getMessage());
            return 1;
        }
        Path target = Path.of(options.get("--out"));
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            out.println("PROBLEM " + target + ": cannot be written: " + e.getMessage());
            return 1;
        }
        out.println("BUILT " + target + ": version " + version + ", " + members.size() + " members, issued "
                + issuedAt + ", valid until " + directory.validUntil() + ", "
                + text.getBytes(StandardCharsets.UTF_8).length + " bytes");
        return 0;
    }

    /** The member of one entry file, its certificate files read and embedded. */
    static DirectoryMember member(Path file) throws IOException {
        Entry e = YAML.readValue(file.toFile(), Entry.class);
        if (e == null) {
            throw new IllegalArgumentException("empty entry");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!stem.equals(e.id())) {
            throw new IllegalArgumentException("id " + e.id() + " is not the file's name (" + stem + ".yaml)");
        }
        return new DirectoryMember(e.id(), e.organisation(), e.title(), nonNull(e.divisions(), "divisions"),
                nonNull(e.exchangeUrls(), "exchangeUrls"),
                certificates(file, nonNull(e.signingCertificates(), "signingCertificates")),
                certificates(file, e.tlsCertificates() == null ? List.of() : e.tlsCertificates()),
                nonNull(e.cryptoProfiles(), "cryptoProfiles"), nonNull(e.messageTypes(), "messageTypes"));
    }

    private static List<String> certificates(Path entry, List<String> pemFiles) {
        List<String> der = new ArrayList<>();
        for (String name : pemFiles) {
            Path pem = entry.toAbsolutePath().getParent().resolve(name);
            try {
                der.add(Base64.getEncoder().encodeToString(Pem.readCertificate(pem).getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate " + pem + " cannot be encoded");
            } catch (GatewayException e) {
                throw new IllegalArgumentException("certificate " + name + ": " + e.getMessage());
            }
        }
        return der;
    }

    private static <T> List<T> nonNull(List<T> list, String field) {
        if (list == null || list.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(field + " is required and may not hold empty items");
        }
        return list;
    }

    private static String describe(Exception e) {
        if (e instanceof GatewayException g) {
            return g.code() + ": " + g.getMessage();
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            return j.getOriginalMessage().replaceAll("\\s+", " ");
        }
        return e.getMessage();
    }

    private static int usage(PrintStream out, String why) {
        out.println(why);
        out.println("usage: " + COMMAND + " --members <dir> --authority-cert <pem> --authority-key <pem> --version <n>"
                + " [--valid-for P30D] --out <file>");
        return 2;
    }
}
