package org.assistx.gateway.partner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.RevocationLocations;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.mapping.CanonicalSchemas;

/**
 * Reads and checks one {@code partner.yaml} (and the request template it names); every problem names the
 * file, the field and what is wrong. The structure (keys, types, required fields, enumerations, ranges) is
 * checked against the published schema {@value CanonicalSchemas#PARTNER}, after the {@code ${NAME:default}}
 * placeholders are filled; this class checks what the schema cannot: the id is the folder's name, the files
 * named exist, the settings agree with the transport, durations are positive and in order. The format is
 * described in {@code docs/integrator-guide.md}.
 */
public final class PartnerDescriptorLoader {

    public static final String DESCRIPTOR = "partner.yaml";

    /** The trust bundle's location when {@code crypto.trust} is not given: the folder's {@code trust/}. */
    public static final String DEFAULT_TRUST = "trust";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?}");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final Function<String, String> environment;

    /** A loader that fills {@code ${NAME:default}} placeholders from the process environment. */
    public PartnerDescriptorLoader() {
        this(System::getenv);
    }

    /** A loader that fills {@code ${NAME:default}} placeholders from {@code environment}. */
    public PartnerDescriptorLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * A descriptor file of a partner folder read as a tree (duplicate keys refused).
     *
     * @throws PartnerConfigException when it cannot be read or is not a YAML mapping
     */
    public static JsonNode readYaml(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PartnerConfigException(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PartnerConfigException(file + ": must be a YAML mapping");
        }
        return root;
    }

    /**
     * Checks a descriptor tree against its published schema ({@link CanonicalSchemas#PARTNER},
     * {@link CanonicalSchemas#SIMULATOR}).
     *
     * @throws PartnerConfigException listing every violation: the file, the JSON Pointer, the problem
     */
    public static void checkSchema(Path file, String schema, JsonNode root) {
        List<String> violations = CanonicalSchemas.validateDescriptor(schema, root);
        if (!violations.isEmpty()) {
            throw new PartnerConfigException(violations.stream().map(v -> file + ": " + v + " (" + schema + ")").toList());
        }
    }

    public PartnerDescriptor load(Path folder) {
        Path file = folder.resolve(DESCRIPTOR);
        JsonNode root = resolvePlaceholders(file, "", readYaml(file));
        Fields f = new Fields(file, root);
        if (root.path("crypto").has("trustAnchor")) {
            throw f.problem("crypto.trustAnchor", "is replaced by 'crypto.trust': the partner's trust bundle (CA "
                    + "certificates and CRLs) in files or folders of the partner folder, by default its 'trust/'");
        }
        checkSchema(file, CanonicalSchemas.PARTNER, root);
        String id = f.text("id");
        if (!id.equals(folder.getFileName().toString())) {
            throw f.problem("id", "must equal the folder name '" + folder.getFileName() + "'");
        }
        List<String> covers = new ArrayList<>();
        root.get("covers").forEach(p -> covers.add(p.asText()));
        String organisation = f.text("organisation");
        PartnerDescriptor.Transport transport = f.enumValue("transport", PartnerDescriptor.Transport.class);
        String endpoint = f.text("endpoint");
        Fields cf = f.object("crypto");
        PartnerDescriptor.Canonicalization canonicalization = cf.has("canonicalization")
                ? cf.enumValue("canonicalization", PartnerDescriptor.Canonicalization.class)
                : PartnerDescriptor.Canonicalization.JCS;
        PartnerDescriptor.Crypto crypto = new PartnerDescriptor.Crypto(
                cf.enumValue("profile", CryptoProfile.class), trust(folder, cf), cf.text("signer"), canonicalization,
                revocation(folder, cf));
        boolean xml = canonicalization != PartnerDescriptor.Canonicalization.JCS;
        String replyTo = null;
        switch (transport) {
            case JMS_XML -> {
                replyTo = f.text("replyTo");
                if (replyTo.equals(endpoint)) {
                    throw f.problem("replyTo", "must be a queue name other than the request queue, got '" + replyTo + "'");
                }
                if (!xml) {
                    throw cf.problem("canonicalization", "must be an XML canonical form (EXCLUSIVE_XML_C14N or "
                            + "INCLUSIVE_XML_C14N) for a JMS_XML partner, whose messages are XML");
                }
            }
            case REST_JSON, SOAP -> {
                if (f.has("replyTo")) {
                    throw f.problem("replyTo", "is only for JMS_XML partners");
                }
                if (!endpoint.startsWith("/") && !endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
                    throw f.problem("endpoint", "must be an http(s) URL or a path served by this gateway "
                            + "(starting with /), got '" + endpoint + "'");
                }
                if (xml) {
                    throw cf.problem("canonicalization", "must be JCS for a " + transport
                            + " partner, whose messages are JSON envelopes");
                }
            }
            default -> throw f.problem("transport", "is not supported");
        }
        Fields tf = f.object("timeouts");
        PartnerDescriptor.Timeouts timeouts = new PartnerDescriptor.Timeouts(tf.duration("connect"),
                tf.duration("response"));
        PartnerDescriptor.Retry retry = f.has("retry") ? retry(f.object("retry")) : null;
        PartnerDescriptor.CircuitBreaker breaker = f.has("circuitBreaker") ? breaker(f.object("circuitBreaker")) : null;
        List<MessageType> types = new ArrayList<>();
        root.get("messageTypes").forEach(n -> types.add(MessageType.valueOf(n.asText())));
        String mapping = f.text("mapping");
        if (!Files.isRegularFile(folder.resolve(mapping))) {
            throw f.problem("mapping", "file '" + mapping + "' does not exist in " + folder);
        }
        RequestTemplate request = null;
        if (f.has("request")) {
            request = request(folder, f.object("request"),
                    xml ? RequestTemplate.Format.XML : RequestTemplate.Format.JSON);
        } else if (xml) {
            throw f.problem("request", "is required for an XML partner: the gateway's own request payload is JSON, "
                    + "so give a template of the partner's XML request");
        }
        return new PartnerDescriptor(id, f.text("title"), List.copyOf(covers), organisation, transport, endpoint,
                replyTo, crypto, timeouts, retry, breaker,
                f.has("deadlineWorkingDays") ? f.integer("deadlineWorkingDays") : null,
                List.copyOf(types), mapping, request, folder, tls(folder, f, transport, endpoint));
    }

    /** {@code tls}: for a REST_JSON or SOAP partner's {@code https://} endpoint only; paths relative to the folder. */
    private static PartnerDescriptor.Tls tls(Path folder, Fields f, PartnerDescriptor.Transport transport,
            String endpoint) {
        if (!f.has("tls")) {
            return null;
        }
        if (transport == PartnerDescriptor.Transport.JMS_XML || !endpoint.startsWith("https://")) {
            throw f.problem("tls", "is for a REST_JSON or SOAP partner with an https:// endpoint");
        }
        Fields t = f.object("tls");
        Path serverCa = folder.resolve(t.text("serverCa")).normalize();
        if (!Files.isRegularFile(serverCa)) {
            throw t.problem("serverCa", "file '" + serverCa + "' does not exist");
        }
        Path certificate = t.has("clientCertificate") ? folder.resolve(t.text("clientCertificate")).normalize() : null;
        Path key = t.has("clientKey") ? folder.resolve(t.text("clientKey")).normalize() : null;
        return new PartnerDescriptor.Tls(serverCa, certificate, key);
    }

    /**
     * {@code crypto.revocation}: CRL locations ({@code http(s)://}, {@code file:} — a relative {@code file:}
     * path is relative to the folder — or {@code certificate}) and an OCSP responder.
     */
    private static RevocationLocations revocation(Path folder, Fields cf) {
        if (!cf.has("revocation")) {
            return RevocationLocations.NONE;
        }
        Fields r = cf.object("revocation");
        List<String> crl = new ArrayList<>();
        JsonNode c = r.node().get("crl");
        if (c != null && c.isArray()) {
            c.forEach(n -> crl.add(n.asText()));
        } else if (c != null && !c.isNull()) {
            crl.add(c.asText());
        }
        List<String> resolved = crl.stream().map(l -> l.startsWith("file:") && !l.startsWith("file:/")
                ? folder.resolve(l.substring("file:".length())).toAbsolutePath().normalize().toUri().toString() : l).toList();
        try {
            return new RevocationLocations(resolved, r.has("ocsp") ? r.text("ocsp") : null,
                    r.has("refresh") ? r.duration("refresh") : null, r.has("timeout") ? r.duration("timeout") : null);
        } catch (GatewayException e) {
            throw cf.problem("revocation", e.getMessage());
        }
    }

    /** {@code crypto.trust}: one path or a list, each relative to the folder (or absolute). */
    private static List<Path> trust(Path folder, Fields cf) {
        JsonNode t = cf.node().get("trust");
        List<String> locations = new ArrayList<>();
        if (t == null || t.isNull()) {
            locations.add(DEFAULT_TRUST);
        } else if (t.isArray()) {
            t.forEach(n -> locations.add(n.asText()));
        } else {
            locations.add(t.asText());
        }
        return locations.stream().map(l -> folder.resolve(l).normalize()).toList();
    }

    /**
     * The tree with every {@code ${NAME}} or {@code ${NAME:default}} in a text value replaced by the
     * environment variable (or the default); a variable that is not set and has no default is an error.
     */
    private JsonNode resolvePlaceholders(Path file, String at, JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(),
                    resolvePlaceholders(file, at.isEmpty() ? e.getKey() : at + "." + e.getKey(), e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(resolvePlaceholders(file, at + "[" + i + "]", node.get(i)));
            }
            return copy;
        }
        if (!node.isTextual() || !node.asText().contains("${")) {
            return node;
        }
        Matcher m = PLACEHOLDER.matcher(node.asText());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null) {
                value = m.group(2);
            }
            if (value == null) {
                throw new PartnerConfigException(file + ": field '" + at + "' needs environment variable "
                        + m.group(1) + ", which is not set (give a default: ${" + m.group(1) + ":value})");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    private static PartnerDescriptor.Retry retry(Fields r) {
        int max = r.integer("maximumRedeliveries");
        Duration initial = r.duration("initialDelay");
        double multiplier = r.node().get("multiplier").asDouble();
        Duration maximum = r.duration("maximumDelay");
        if (maximum.compareTo(initial) < 0) {
            throw r.problem("maximumDelay", "must not be shorter than initialDelay (" + initial + ")");
        }
        Duration maximumAge = r.has("maximumAge") ? r.duration("maximumAge") : null;
        if (maximumAge != null && maximumAge.compareTo(maximum) < 0) {
            throw r.problem("maximumAge", "must not be shorter than maximumDelay (" + maximum + ")");
        }
        return new PartnerDescriptor.Retry(max, initial, multiplier, maximum, maximumAge);
    }

    private static PartnerDescriptor.CircuitBreaker breaker(Fields b) {
        int window = b.integer("slidingWindowSize");
        int minimum = b.integer("minimumNumberOfCalls");
        if (minimum > window) {
            throw b.problem("minimumNumberOfCalls", "must not exceed slidingWindowSize (" + window + ")");
        }
        return new PartnerDescriptor.CircuitBreaker(b.integer("failureRateThreshold"), window, minimum,
                b.duration("waitDurationInOpenState"), b.integer("permittedCallsInHalfOpenState"));
    }

    private RequestTemplate request(Path folder, Fields r, RequestTemplate.Format format) {
        String name = r.text("template");
        Path file = folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw r.problem("template", "file '" + name + "' does not exist in " + folder);
        }
        Map<String, Map<String, String>> codes = new LinkedHashMap<>();
        if (r.has("codes")) {
            r.node().get("codes").fields().forEachRemaining(table -> {
                Map<String, String> t = new LinkedHashMap<>();
                table.getValue().fields().forEachRemaining(e -> t.put(e.getKey(), e.getValue().asText()));
                codes.put(table.getKey(), t);
            });
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw r.problem("template", "file '" + name + "' cannot be read: " + e.getMessage());
        }
        try {
            return RequestTemplate.parse(text, format, codes, file.toString());
        } catch (IllegalArgumentException e) {
            throw new PartnerConfigException(file + " (request.template of " + r.file() + "): " + e.getMessage(), e);
        }
    }

    /** Typed access to the fields of one YAML mapping, with errors that name file and field. */
    private record Fields(Path file, JsonNode node, String prefix) {

        Fields(Path file, JsonNode node) {
            this(file, node, "");
        }

        PartnerConfigException problem(String field, String what) {
            return new PartnerConfigException(file + ": field '" + prefix + field + "' " + what);
        }

        boolean has(String field) {
            return node.hasNonNull(field);
        }

        String text(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isValueNode() || v.asText().isBlank()) {
                throw problem(field, "is required");
            }
            return v.asText();
        }

        Fields object(String field) {
            return new Fields(file, node.get(field), prefix + field + ".");
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            String v = text(field);
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw problem(field, "'" + v + "' is not one of " + List.of(type.getEnumConstants()));
            }
        }

        int integer(String field) {
            return node.get(field).asInt();
        }

        Duration duration(String field) {
            String v = text(field);
            try {
                Duration d = Duration.parse(v);
                if (d.isNegative() || d.isZero()) {
                    throw problem(field, "must be positive");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw problem(field, "'" + v + "' is not an ISO-8601 duration such as PT30S");
            }
        }
    }
}
