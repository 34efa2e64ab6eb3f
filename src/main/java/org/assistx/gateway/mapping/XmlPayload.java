package org.assistx.gateway.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathEvaluationResult;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathNodes;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * An XML answer, parsed by {@link SafeXml}; paths are XPath 1.0 expressions, record and proof paths from
 * the document, field paths relative to the record or proof element. One instance per answer (XPath
 * objects are not thread-safe).
 */
final class XmlPayload implements Payload {

    private final Document document;
    private final XPath xpath;
    private final Map<String, XPathExpression> compiled = new HashMap<>();

    XmlPayload(Document document, Map<String, String> namespaces) {
        this.document = document;
        this.xpath = SafeXml.newXPath(namespaces);
    }

    @Override
    public Object root() {
        return document;
    }

    @Override
    public List<Object> selectAll(String path) throws Unreadable {
        List<Node> nodes = nodes(document, path);
        if (nodes.isEmpty()) {
            return null;
        }
        List<Object> items = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            if (n.getNodeType() != Node.ELEMENT_NODE) {
                throw new Unreadable("selects a " + nodeKind(n) + ", not elements");
            }
            items.add(n);
        }
        return items;
    }

    @Override
    public Object selectOne(String path) throws Unreadable {
        List<Node> nodes = nodes(document, path);
        if (nodes.isEmpty()) {
            return null;
        }
        if (nodes.size() > 1) {
            throw new Unreadable("expected one element, found " + nodes.size());
        }
        if (nodes.get(0).getNodeType() != Node.ELEMENT_NODE) {
            throw new Unreadable("selects a " + nodeKind(nodes.get(0)) + ", not an element");
        }
        return nodes.get(0);
    }

    @Override
    public String read(Object item, String path) throws Unreadable {
        XPathEvaluationResult<?> r = evaluate((Node) item, path);
        String text = switch (r.type()) {
            case NODESET -> {
                XPathNodes nodes = (XPathNodes) r.value();
                if (nodes.size() > 1) {
                    throw new Unreadable("expected a single value, found " + nodes.size() + " nodes");
                }
                yield nodes.size() == 0 ? null : text(nodeAt(nodes, 0));
            }
            case NODE -> r.value() == null ? null : text((Node) r.value());
            case NUMBER -> number((Double) r.value());
            case BOOLEAN, STRING -> String.valueOf(r.value());
            default -> throw new Unreadable("gives a result of type " + r.type() + ", not a value");
        };
        if (text == null) {
            return null;
        }
        text = text.trim();
        return text.isEmpty() ? null : text;
    }

    private List<Node> nodes(Node context, String path) throws Unreadable {
        XPathEvaluationResult<?> r = evaluate(context, path);
        List<Node> out = new ArrayList<>();
        switch (r.type()) {
            case NODESET -> {
                XPathNodes nodes = (XPathNodes) r.value();
                for (int i = 0; i < nodes.size(); i++) {
                    out.add(nodeAt(nodes, i));
                }
            }
            case NODE -> {
                if (r.value() != null) {
                    out.add((Node) r.value());
                }
            }
            default -> throw new Unreadable("gives a " + r.type().name().toLowerCase(java.util.Locale.ROOT)
                    + ", not elements");
        }
        return out;
    }

    private XPathEvaluationResult<?> evaluate(Node context, String path) throws Unreadable {
        try {
            XPathExpression e = compiled.get(path);
            if (e == null) {
                e = xpath.compile(path);
                compiled.put(path, e);
            }
            return e.evaluateExpression(context);
        } catch (XPathExpressionException | IllegalArgumentException e) {
            throw new Unreadable("cannot be evaluated: " + e.getMessage());
        }
    }

    private static Node nodeAt(XPathNodes nodes, int i) throws Unreadable {
        try {
            return nodes.get(i);
        } catch (javax.xml.xpath.XPathException e) {
            throw new Unreadable("node " + i + " cannot be read: " + e.getMessage());
        }
    }

    private static String text(Node n) throws Unreadable {
        if (n.getNodeType() == Node.ELEMENT_NODE) {
            for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c.getNodeType() == Node.ELEMENT_NODE) {
                    throw new Unreadable("expected a single value, found the element <" + n.getNodeName()
                            + "> with child elements");
                }
            }
        }
        return n.getTextContent();
    }

    private static String number(Double d) {
        if (d == null || d.isNaN() || d.isInfinite()) {
            return null;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return java.math.BigDecimal.valueOf(d).toPlainString();
    }

    private static String nodeKind(Node n) {
        return switch (n.getNodeType()) {
            case Node.ATTRIBUTE_NODE -> "attribute";
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> "text node";
            case Node.DOCUMENT_NODE -> "document";
            default -> "node";
        };
    }
}
