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
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.envelope.MessageType;

/**
 * Reads and checks one {@code partner.yaml} (and the request template it names); every problem names the
 * file, the field and what is wrong. The format is described in {@code docs/integrator-guide.md}.
 */
public final class PartnerDescriptorLoader {

    public static final String DESCRIPTOR = "partner.yaml";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern PREFIX = Pattern.compile("\\d{2}|\\d{4}|\\d{6}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> TOP = Set.of("id", "title", "covers", "organisation", "transport", "endpoint",
            "replyTo", "crypto", "timeouts", "retry", "circuitBreaker", "deadlineWorkingDays", "messageTypes", "mapping",
            "request", "tls");
    private static final Set<String> TLS = Set.of("serverCa", "clientCertificate", "clientKey");
    private static final Set<String> CRYPTO = Set.of("profile", "trust", "signer", "canonicalization");
    /** The trust bundle's location when {@code crypto.trust} is not given: the folder's {@code trust/}. */
    public static final String DEFAULT_TRUST = "trust";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::([^}]*))?}");
    private static final Set<String> TIMEOUTS = Set.of("connect", "response");
    private static final Set<String> RETRY = Set.of("maximumRedeliveries", "initialDelay", "multiplier", "maximumDelay",
            "maximumAge");
    private static final Set<String> BREAKER = Set.of("failureRateThreshold", "slidingWindowSize",
            "minimumNumberOfCalls", "waitDurationInOpenState", "permittedCallsInHalfOpenState");
    private static final Set<String> REQUEST = Set.of("template", "codes");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
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

    public PartnerDescriptor load(Path folder) {
        Path file = folder.resolve(DESCRIPTOR);
        JsonNode root;
        try {
            root = yaml.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PartnerConfigException(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PartnerConfigException(file + ": must be a YAML mapping");
        }
        root = resolvePlaceholders(file, "", root);
        Fields f = new Fields(file, root);
        f.onlyKnown(TOP);
        String id = f.text("id");
        if (!ID.matcher(id).matches()) {
            throw f.problem("id", "must be lower-case letters, digits and '-' (got '" + id + "')");
        }
        if (!id.equals(folder.getFileName().toString())) {
            throw f.problem("id", "must equal the folder name '" + folder.getFileName() + "'");
        }
        List<String> covers = new ArrayList<>();
        JsonNode c = root.get("covers");
        if (c == null || !c.isArray() || c.isEmpty()) {
            throw f.problem("covers", "must list at least one division prefix (2, 4 or 6 digits)");
        }
        for (JsonNode p : c) {
            if (!p.isTextual() || !PREFIX.matcher(p.asText()).matches()) {
                throw f.problem("covers", "'" + p.asText() + "' is not a 2-, 4- or 6-digit division prefix"
                        + (p.isTextual() ? "" : " (quote it: \"" + p.asText() + "\")"));
            }
            covers.add(p.asText());
        }
        String organisation = f.text("organisation");
        PartnerDescriptor.Transport transport = f.enumValue("transport", PartnerDescriptor.Transport.class);
        String endpoint = f.text("endpoint");
        if (root.path("crypto").has("trustAnchor")) {
            throw f.problem("crypto.trustAnchor", "is replaced by 'crypto.trust': the partner's trust bundle (CA "
                    + "certificates and CRLs) in files or folders of the partner folder, by default its 'trust/'");
        }
        Fields cf = f.object("crypto", CRYPTO);
        PartnerDescriptor.Canonicalization canonicalization = cf.has("canonicalization")
                ? cf.enumValue("canonicalization", PartnerDescriptor.Canonicalization.class)
                : PartnerDescriptor.Canonicalization.JCS;
        PartnerDescriptor.Crypto crypto = new PartnerDescriptor.Crypto(
                cf.enumValue("profile", CryptoProfile.class), trust(folder, cf), cf.text("signer"), canonicalization);
        boolean xml = canonicalization != PartnerDescriptor.Canonicalization.JCS;
        String replyTo = null;
        switch (transport) {
            case JMS_XML -> {
                if (!QUEUE.matcher(endpoint).matches()) {
                    throw f.problem("endpoint", "for JMS_XML is the request queue name (letters, digits, '.', '_', "
                            + "'-'), got '" + endpoint + "'");
                }
                replyTo = f.text("replyTo");
                if (!QUEUE.matcher(replyTo).matches() || replyTo.equals(endpoint)) {
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
        Fields tf = f.object("timeouts", TIMEOUTS);
        PartnerDescriptor.Timeouts timeouts = new PartnerDescriptor.Timeouts(tf.duration("connect"),
                tf.duration("response"));
        PartnerDescriptor.Retry retry = f.has("retry") ? retry(f.object("retry", RETRY)) : null;
        PartnerDescriptor.CircuitBreaker breaker = f.has("circuitBreaker")
                ? breaker(f.object("circuitBreaker", BREAKER)) : null;
        List<MessageType> types = new ArrayList<>();
        JsonNode t = root.get("messageTypes");
        if (t == null || !t.isArray() || t.isEmpty()) {
            throw f.problem("messageTypes", "must list the message types the partner accepts");
        }
        for (JsonNode n : t) {
            MessageType type;
            try {
                type = MessageType.valueOf(n.asText());
            } catch (IllegalArgumentException e) {
                throw f.problem("messageTypes", "'" + n.asText() + "' is not a message type "
                        + List.of(MessageType.values()));
            }
            if (type == MessageType.VERIFICATION_RESULT || type == MessageType.PROOF_RESULT) {
                throw f.problem("messageTypes", "lists what the partner accepts; " + type + " is a reply it sends");
            }
            types.add(type);
        }
        String mapping = f.text("mapping");
        if (!FILE.matcher(mapping).matches() || !Files.isRegularFile(folder.resolve(mapping))) {
            throw f.problem("mapping", "file '" + mapping + "' does not exist in " + folder);
        }
        RequestTemplate request = null;
        if (f.has("request")) {
            request = request(folder, f.object("request", REQUEST),
                    xml ? RequestTemplate.Format.XML : RequestTemplate.Format.JSON);
        } else if (xml) {
            throw f.problem("request", "is required for an XML partner: the gateway's own request payload is JSON, "
                    + "so give a template of the partner's XML request");
        }
        return new PartnerDescriptor(id, f.text("title"), List.copyOf(covers), organisation, transport, endpoint,
                replyTo, crypto, timeouts, retry, breaker,
                f.has("deadlineWorkingDays") ? f.integer("deadlineWorkingDays", 1, 60) : null,
                List.copyOf(types), mapping, request, folder, tls(folder, f, transport, endpoint));
    }

    /** {@code tls}: for a REST_JSON partner's {@code https://} endpoint only; paths relative to the folder. */
    private static PartnerDescriptor.Tls tls(Path folder, Fields f, PartnerDescriptor.Transport transport,
            String endpoint) {
        if (!f.has("tls")) {
            return null;
        }
        if (transport != PartnerDescriptor.Transport.REST_JSON || !endpoint.startsWith("https://")) {
            throw f.problem("tls", "is for a REST_JSON partner with an https:// endpoint (TLS settings of SOAP "
                    + "partners are not supported; they use the JVM's trust store)");
        }
        Fields t = f.object("tls", TLS);
        Path serverCa = folder.resolve(t.text("serverCa")).normalize();
        if (!Files.isRegularFile(serverCa)) {
            throw t.problem("serverCa", "file '" + serverCa + "' does not exist");
        }
        if (t.has("clientCertificate") != t.has("clientKey")) {
            throw t.problem(t.has("clientKey") ? "clientCertificate" : "clientKey",
                    "is required with the other one (mutual TLS needs certificate and key)");
        }
        Path certificate = t.has("clientCertificate") ? folder.resolve(t.text("clientCertificate")).normalize() : null;
        Path key = t.has("clientKey") ? folder.resolve(t.text("clientKey")).normalize() : null;
        return new PartnerDescriptor.Tls(serverCa, certificate, key);
    }

    /** {@code crypto.trust}: one path or a list, each relative to the folder (or absolute). */
    private static List<Path> trust(Path folder, Fields cf) {
        JsonNode t = cf.node().get("trust");
        List<String> locations = new ArrayList<>();
        if (t == null || t.isNull()) {
            locations.add(DEFAULT_TRUST);
        } else if (t.isTextual() && !t.asText().isBlank()) {
            locations.add(t.asText());
        } else if (t.isArray() && !t.isEmpty()) {
            for (JsonNode n : t) {
                if (!n.isTextual() || n.asText().isBlank()) {
                    throw cf.problem("trust", "must list files or folders of the trust bundle");
                }
                locations.add(n.asText());
            }
        } else {
            throw cf.problem("trust", "must be a file or folder of the trust bundle, or a list of them");
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
        int max = r.integer("maximumRedeliveries", 0, 100);
        Duration initial = r.duration("initialDelay");
        double multiplier = r.decimal("multiplier", 1.0, 10.0);
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
        int window = b.integer("slidingWindowSize", 1, 10_000);
        int minimum = b.integer("minimumNumberOfCalls", 1, 10_000);
        if (minimum > window) {
            throw b.problem("minimumNumberOfCalls", "must not exceed slidingWindowSize (" + window + ")");
        }
        return new PartnerDescriptor.CircuitBreaker(b.integer("failureRateThreshold", 1, 100), window, minimum,
                b.duration("waitDurationInOpenState"), b.integer("permittedCallsInHalfOpenState", 1, 1_000));
    }

    private RequestTemplate request(Path folder, Fields r, RequestTemplate.Format format) {
        String name = r.text("template");
        Path file = folder.resolve(name);
        if (!FILE.matcher(name).matches() || !Files.isRegularFile(file)) {
            throw r.problem("template", "file '" + name + "' does not exist in " + folder);
        }
        Map<String, Map<String, String>> codes = new LinkedHashMap<>();
        if (r.has("codes")) {
            JsonNode tables = r.node().get("codes");
            if (!tables.isObject()) {
                throw r.problem("codes", "must map table names to {canonical value: partner code}");
            }
            tables.fields().forEachRemaining(table -> {
                if (!table.getValue().isObject() || table.getValue().isEmpty()) {
                    throw r.problem("codes." + table.getKey(), "must map canonical values to the partner's codes");
                }
                Map<String, String> t = new LinkedHashMap<>();
                table.getValue().fields().forEachRemaining(e -> {
                    if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                        throw r.problem("codes." + table.getKey() + "." + e.getKey(), "must be a code (quote it)");
                    }
                    t.put(e.getKey(), e.getValue().asText());
                });
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

        void onlyKnown(Set<String> known) {
            node.fieldNames().forEachRemaining(n -> {
                if (!known.contains(n)) {
                    throw problem(n, "is not a known field (known: " + new java.util.TreeSet<>(known) + ")");
                }
            });
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

        Fields object(String field, Set<String> known) {
            JsonNode v = node.get(field);
            if (v == null || !v.isObject()) {
                throw problem(field, "is required and must be a mapping");
            }
            Fields inner = new Fields(file, v, prefix + field + ".");
            inner.onlyKnown(known);
            return inner;
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            String v = text(field);
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw problem(field, "'" + v + "' is not one of " + List.of(type.getEnumConstants()));
            }
        }

        int integer(String field, int min, int max) {
            JsonNode v = node.get(field);
            if (v == null || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
                throw problem(field, "must be a whole number from " + min + " to " + max
                        + (v == null ? "" : " (got '" + v.asText() + "')"));
            }
            return v.asInt();
        }

        double decimal(String field, double min, double max) {
            JsonNode v = node.get(field);
            if (v == null || !v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
                throw problem(field, "must be a number from " + min + " to " + max
                        + (v == null ? "" : " (got '" + v.asText() + "')"));
            }
            return v.asDouble();
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
