package org.assistx.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random mutations of valid inputs for the fuzz tests, all driven by one seeded {@link Random}, so a run is
 * reproduced by its seed: byte flips, deletions, duplications, insertions of hostile tokens, truncation,
 * unicode oddities, huge numbers, and (on JSON trees) type swaps, removed and repeated fields, deep nesting.
 */
public final class Mutations {

    /** The seed of a fuzz run: {@code -Dfuzz.seed=…} to reproduce one, else a fixed default. */
    public static long seed(long fallback) {
        return Long.getLong("fuzz.seed", fallback);
    }

    /** The number of runs: {@code -Dfuzz.runs=…}, else the default. */
    public static int runs(int fallback) {
        return Integer.getInteger("fuzz.runs", fallback);
    }

    private static final String[] TOKENS = {
        "{", "}", "[", "]", "\"", ",", ":", "null", "true", "false", "-1", "0", "1e309", "-0.0", "NaN",
        "99999999999999999999999999999999999999999999", "\\u0000", "\\ud800", "\\", "\u0000", "\ud800", "\udfff",
        "\u202e", "\ufeff", "\u2028", "😀", "张三", "<", ">", "&", "&amp;", "&lol;", "<!DOCTYPE a [<!ENTITY lol \"x\">]>",
        "<![CDATA[", "]]>", "<!--", "-->", "<?xml version=\"1.0\"?>", "xmlns:x=\"urn:x\"", "' OR '1'='1",
        "\"; DROP TABLE verification;--", "<script>alert(1)</script>", "\r\n", "\t", "%s%n%x", "${jndi:ldap://x}",
        "0000-00-00", "2026-02-30", "20261301", "1.5", "-", "+", "e", "\"\":\"\"",
    };

    private final Random random;
    private final ObjectMapper json = new ObjectMapper();

    public Mutations(Random random) {
        this.random = random;
    }

    public Random random() {
        return random;
    }

    /** One to four text-level mutations of {@code text}. */
    public String text(String text) {
        String s = text;
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            s = textOnce(s);
        }
        return s;
    }

    private String textOnce(String s) {
        int len = s.length();
        int at = len == 0 ? 0 : random.nextInt(len + 1);
        int span = len == 0 ? 0 : 1 + random.nextInt(Math.min(len, 40));
        int end = Math.min(len, at + span);
        return switch (random.nextInt(10)) {
            case 0 -> flipByte(s);
            case 1 -> s.substring(0, at) + s.substring(end);                                   // delete
            case 2 -> s.substring(0, end) + s.substring(at, end) + s.substring(end);            // duplicate
            case 3 -> s.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + s.substring(at);
            case 4 -> s.substring(0, at);                                                       // truncate
            case 5 -> s.substring(0, at) + randomUnicode() + s.substring(at);
            case 6 -> s.replaceFirst("\\d+", "9".repeat(1 + random.nextInt(400)));             // huge number
            case 7 -> s.substring(0, at) + s.substring(at, end).repeat(2 + random.nextInt(50)) + s.substring(end);
            case 8 -> s.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + s.substring(end); // replace
            default -> swapCase(s, at, end);
        };
    }

    private String flipByte(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0) {
            return s;
        }
        int i = random.nextInt(b.length);
        b[i] ^= (byte) (1 << random.nextInt(8));
        return new String(b, StandardCharsets.UTF_8);
    }

    private String randomUnicode() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x4E00 + random.nextInt(0x5000);
                case 2 -> 0x1F600 + random.nextInt(0x50);
                default -> random.nextInt(0x10000);
            };
            if (Character.isValidCodePoint(cp)) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    private static String swapCase(String s, int at, int end) {
        String part = s.substring(at, end);
        String swapped = part.equals(part.toUpperCase()) ? part.toLowerCase() : part.toUpperCase();
        return s.substring(0, at) + swapped + s.substring(end);
    }

    /** One to three structure-aware mutations of a JSON tree (a deep copy; the input is left alone). */
    public JsonNode tree(JsonNode root) {
        JsonNode copy = root.deepCopy();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(copy, containers);
            if (containers.isEmpty()) {
                return copy;
            }
            mutateIn(containers.get(random.nextInt(containers.size())));
        }
        return copy;
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private void mutateIn(JsonNode container) {
        if (container instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                o.set("x", hostileValue(null));
                return;
            }
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> o.remove(name);
                case 1 -> o.set(name + (random.nextBoolean() ? "" : "_"), hostileValue(o.get(name)));
                case 2 -> o.set(name, hostileValue(o.get(name)));
                default -> o.set(text(name), o.get(name));
            }
        } else if (container instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextInt(4) == 0) {
                a.add(hostileValue(null));
            } else {
                int i = random.nextInt(a.size());
                switch (random.nextInt(3)) {
                    case 0 -> a.remove(i);
                    case 1 -> a.set(i, hostileValue(a.get(i)));
                    default -> {
                        for (int k = random.nextInt(20); k > 0; k--) {
                            a.add(a.get(i).deepCopy());
                        }
                    }
                }
            }
        }
    }

    /** A value of another type, or a twisted one of the same type. */
    private JsonNode hostileValue(JsonNode old) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(12)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextLong());
            case 3 -> f.numberNode(new java.math.BigDecimal("1e" + random.nextInt(400)));
            case 4 -> f.numberNode(random.nextDouble() * 1e6 - 5e5);
            case 5 -> f.textNode(old != null && old.isTextual() ? text(old.asText()) : TOKENS[random.nextInt(TOKENS.length)]);
            case 6 -> f.textNode(old == null ? "" : old.toString());
            case 7 -> f.textNode("x".repeat(random.nextInt(5000)));
            case 8 -> {
                ArrayNode a = f.arrayNode();
                if (old != null) {
                    a.add(old.deepCopy());
                }
                yield a;
            }
            case 9 -> {
                ObjectNode o = f.objectNode();
                if (old != null) {
                    o.set("value", old.deepCopy());
                }
                yield o;
            }
            case 10 -> deep(1 + random.nextInt(60));
            default -> old == null ? f.textNode(randomUnicode()) : f.textNode(old.asText() + randomUnicode());
        };
    }

    private JsonNode deep(int depth) {
        JsonNode n = JsonNodeFactory.instance.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            n = random.nextBoolean() ? JsonNodeFactory.instance.arrayNode().add(n)
                    : JsonNodeFactory.instance.objectNode().set("d", n);
        }
        return n;
    }

    /** Serialises a tree; the mutated trees only hold what JSON can carry. */
    public String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
