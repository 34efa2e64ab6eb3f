package org.assistx.gateway.mapping;

import java.io.IOException;
import java.io.StringReader;
import java.util.Iterator;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML parsing that partners' answers cannot turn against the gateway (DESIGN §9): a document with a
 * DOCTYPE is refused before parsing ({@code XML_UNSAFE}: no external entity, no external DTD, no entity
 * expansion such as "billion laughs"), and the parser itself is locked down as well (DOCTYPE disallowed,
 * external entities and DTDs off, secure processing, no XInclude), so nothing is ever fetched or read.
 *
 * <p>The one hardened parser set-up of the gateway: the XML envelope ({@code envelope.XmlEnvelope}), the
 * check of partner request templates ({@code partner.RequestTemplate}) and the simulators parse with the
 * builders and XPath made here.
 */
public final class SafeXml {

    private static final DocumentBuilderFactory DOCUMENTS = documentFactory(true);
    private static final DocumentBuilderFactory DOCUMENTS_WITH_COMMENTS = documentFactory(false);
    private static final XPathFactory XPATHS = xpathFactory();

    private SafeXml() {
    }

    /**
     * Parses an XML text.
     *
     * @param what what the text is, for messages (e.g. "answer of partner 'zj-mz'")
     * @throws MappingException {@code XML_UNSAFE} for a DOCTYPE, {@code MAPPING_FAILED} for text that is
     *     not well-formed XML
     */
    static Document parse(String xml, String what) {
        if (xml == null || xml.isBlank()) {
            throw new MappingException(MappingException.MAPPING_FAILED, what + " is empty, not XML");
        }
        if (XmlProlog.hasDoctype(xml)) {
            throw new MappingException(MappingException.XML_UNSAFE, what
                    + " carries a DOCTYPE (DTDs and entity declarations are refused: external entities, entity expansion)");
        }
        try {
            return newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new MappingException(MappingException.MAPPING_FAILED, what + " is not well-formed XML (line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + "): " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new MappingException(MappingException.MAPPING_FAILED, what + " cannot be read as XML: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A parser that refuses any DOCTYPE and would resolve no external entity even if one got through:
     * the second line of defence behind {@link XmlProlog#hasDoctype(String)}. Comments are dropped.
     */
    public static DocumentBuilder newDocumentBuilder() {
        return builderOf(DOCUMENTS);
    }

    /** The same parser keeping comments (for a document whose canonical form is computed later). */
    public static DocumentBuilder newDocumentBuilderKeepingComments() {
        return builderOf(DOCUMENTS_WITH_COMMENTS);
    }

    private static DocumentBuilder builderOf(DocumentBuilderFactory factory) {
        DocumentBuilder builder;
        try {
            synchronized (factory) {
                builder = factory.newDocumentBuilder();
            }
        } catch (ParserConfigurationException e) {
            throw new MappingException(MappingException.XML_UNSAFE, "no safely configured XML parser is available", e);
        }
        builder.setErrorHandler(THROWING);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity '" + systemId + "' refused");
        });
        return builder;
    }

    /** A fresh XPath (XPath objects are not thread-safe) resolving the given prefixes. */
    public static XPath newXPath(Map<String, String> namespaces) {
        XPath xpath;
        synchronized (XPATHS) {
            xpath = XPATHS.newXPath();
        }
        xpath.setNamespaceContext(new Prefixes(namespaces));
        return xpath;
    }

    private static DocumentBuilderFactory documentFactory(boolean ignoreComments) {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new MappingException(MappingException.XML_UNSAFE,
                    "the XML parser cannot be locked down against external entities: " + e.getMessage(), e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setIgnoringComments(ignoreComments);
        return f;
    }

    private static XPathFactory xpathFactory() {
        XPathFactory f = XPathFactory.newInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (XPathFactoryConfigurationException e) {
            throw new MappingException(MappingException.XML_UNSAFE,
                    "XPath cannot be set to secure processing: " + e.getMessage(), e);
        }
        return f;
    }

    /** Errors and warnings end the parse; nothing is printed to the console. */
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // a warning does not make the document unreadable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** The namespace prefixes a mapping file declares under {@code namespaces}. */
    private record Prefixes(Map<String, String> byPrefix) implements NamespaceContext {

        @Override
        public String getNamespaceURI(String prefix) {
            if (XMLConstants.XML_NS_PREFIX.equals(prefix)) {
                return XMLConstants.XML_NS_URI;
            }
            // an undeclared prefix resolves to nothing, so that compiling an XPath that uses it fails at load
            return byPrefix.get(prefix);
        }

        @Override
        public String getPrefix(String uri) {
            return byPrefix.entrySet().stream().filter(e -> e.getValue().equals(uri)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }

        @Override
        public Iterator<String> getPrefixes(String uri) {
            return byPrefix.entrySet().stream().filter(e -> e.getValue().equals(uri)).map(Map.Entry::getKey)
                    .iterator();
        }
    }
}
