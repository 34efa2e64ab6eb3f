package org.assistx.gateway.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A JSON answer; paths are JSON Pointers (RFC 6901), {@code ""} being the node itself. */
final class JsonPayload implements Payload {

    private final JsonNode root;

    JsonPayload(JsonNode root) {
        this.root = root;
    }

    @Override
    public Object root() {
        return root;
    }

    @Override
    public List<Object> selectAll(String path) throws Unreadable {
        JsonNode n = at(root, path);
        if (n == null) {
            return null;
        }
        if (n.isObject()) {
            return List.of(n);
        }
        if (!n.isArray()) {
            throw new Unreadable("expected a list of objects, found " + kind(n));
        }
        List<Object> items = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isObject()) {
                throw new Unreadable("item " + (i + 1) + " of the list is " + kind(n.get(i)) + ", not an object");
            }
            items.add(n.get(i));
        }
        return items;
    }

    @Override
    public Object selectOne(String path) throws Unreadable {
        JsonNode n = at(root, path);
        if (n == null) {
            return null;
        }
        if (n.isArray()) {
            if (n.isEmpty()) {
                return null;
            }
            if (n.size() > 1) {
                throw new Unreadable("expected one object, found a list of " + n.size());
            }
            n = n.get(0);
        }
        if (!n.isObject()) {
            throw new Unreadable("expected an object, found " + kind(n));
        }
        return n;
    }

    @Override
    public String read(Object item, String path) throws Unreadable {
        JsonNode n = at((JsonNode) item, path);
        if (n == null) {
            return null;
        }
        if (n.isContainerNode()) {
            throw new Unreadable("expected a single value, found " + kind(n));
        }
        String text = n.asText().trim();
        return text.isEmpty() ? null : text;
    }

    private static JsonNode at(JsonNode from, String path) {
        JsonNode n = path.isEmpty() ? from : from.at(path);
        return n == null || n.isMissingNode() || n.isNull() ? null : n;
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "a list";
        }
        return "the value '" + n.asText() + "'";
    }
}
