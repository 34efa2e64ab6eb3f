package org.assistx.gateway.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.envelope.MessageType;

/** Reads and checks one {@code partner.yaml}; every problem names the file, the field and what is wrong. */
public final class PartnerDescriptorLoader {

    public static final String DESCRIPTOR = "partner.yaml";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern PREFIX = Pattern.compile("\\d{2}|\\d{4}|\\d{6}");
    private static final Set<String> TOP = Set.of("id", "title", "covers", "organisation", "transport", "endpoint",
            "crypto", "timeouts", "messageTypes", "mapping");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public PartnerDescriptor load(Path folder) {
        Path file = folder.resolve(DESCRIPTOR);
        JsonNode root;
        try {
            root = yaml.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new PartnerConfigException(file + ": cannot be read as YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PartnerConfigException(file + ": must be a YAML mapping");
        }
        Fields f = new Fields(file, root);
        root.fieldNames().forEachRemaining(n -> {
            if (!TOP.contains(n)) {
                throw f.problem(n, "is not a known field (known: " + TOP + ")");
            }
        });
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
                throw f.problem("covers", "'" + p.asText() + "' is not a 2-, 4- or 6-digit division prefix");
            }
            covers.add(p.asText());
        }
        PartnerDescriptor.Transport transport = f.enumValue("transport", PartnerDescriptor.Transport.class);
        JsonNode cryptoNode = f.object("crypto");
        Fields cf = new Fields(file, cryptoNode, "crypto.");
        PartnerDescriptor.Crypto crypto = new PartnerDescriptor.Crypto(
                cf.enumValue("profile", CryptoProfile.class), cf.text("trustAnchor"), cf.text("signer"));
        JsonNode timeoutNode = f.object("timeouts");
        Fields tf = new Fields(file, timeoutNode, "timeouts.");
        PartnerDescriptor.Timeouts timeouts = new PartnerDescriptor.Timeouts(tf.duration("connect"),
                tf.duration("response"));
        List<MessageType> types = new ArrayList<>();
        JsonNode t = root.get("messageTypes");
        if (t == null || !t.isArray() || t.isEmpty()) {
            throw f.problem("messageTypes", "must list the message types the partner accepts");
        }
        for (JsonNode n : t) {
            try {
                types.add(MessageType.valueOf(n.asText()));
            } catch (IllegalArgumentException e) {
                throw f.problem("messageTypes", "'" + n.asText() + "' is not a message type");
            }
        }
        String mapping = f.text("mapping");
        if (!Files.isRegularFile(folder.resolve(mapping))) {
            throw f.problem("mapping", "file '" + mapping + "' does not exist in " + folder);
        }
        return new PartnerDescriptor(id, f.text("title"), List.copyOf(covers), f.text("organisation"), transport,
                f.text("endpoint"), crypto, timeouts, List.copyOf(types), mapping, folder);
    }

    /** Typed access to the fields of one YAML mapping, with errors that name file and field. */
    private record Fields(Path file, JsonNode node, String prefix) {

        Fields(Path file, JsonNode node) {
            this(file, node, "");
        }

        PartnerConfigException problem(String field, String what) {
            return new PartnerConfigException(file + ": field '" + prefix + field + "' " + what);
        }

        String text(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isValueNode() || v.asText().isBlank()) {
                throw problem(field, "is required");
            }
            return v.asText();
        }

        JsonNode object(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isObject()) {
                throw problem(field, "is required and must be a mapping");
            }
            return v;
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            String v = text(field);
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw problem(field, "'" + v + "' is not one of " + List.of(type.getEnumConstants()));
            }
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
