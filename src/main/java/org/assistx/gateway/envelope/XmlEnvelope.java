package org.assistx.gateway.envelope;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.assistx.gateway.Code;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.mapping.SafeXml;
import org.assistx.gateway.mapping.XmlProlog;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The XML rendering of the envelope (DESIGN §5) for partners whose own messages are XML: the same header
 * fields, the partner's own XML as payload, and the signature, signed over the XML canonical form that
 * the partner's descriptor names.
 *
 * <pre>{@code
 * <ax:envelope xmlns:ax="urn:assistx:envelope:xml:v1">
 *   <ax:signed Id="signed">
 *     <ax:header><ax:messageId>…</ax:messageId><ax:correlationId>…</ax:correlationId><ax:type>…</ax:type>
 *       <ax:sender>…</ax:sender><ax:recipient>…</ax:recipient><ax:createdAt>…</ax:createdAt>
 *       <ax:schemaVersion>1</ax:schemaVersion> (requestHash, purpose, caseId as in JSON)</ax:header>
 *     <ax:payload>(exactly one element: the partner's own document)</ax:payload>
 *   </ax:signed>
 *   <ax:signature><ax:algorithm>SM3withSM2</ax:algorithm>
 *     <ax:canonicalization>http://www.w3.org/2001/10/xml-exc-c14n#</ax:canonicalization>
 *     <ax:certificate>base64 DER</ax:certificate><ax:value>base64 DER</ax:value></ax:signature>
 * </ax:envelope>
 * }</pre>
 *
 * <p>Signed bytes: the canonical form (UTF-8, no comments) of the {@code ax:signed} element. The text is
 * parsed safely: a DOCTYPE is refused ({@code XML_UNSAFE}) and no entity or DTD is ever resolved.
 */
public final class XmlEnvelope implements SignedMessage {

    public static final String NAMESPACE = "urn:assistx:envelope:xml:v1";
    static final String PREFIX = "ax";
    static final String ID_ATTRIBUTE = "Id";
    static final String SIGNED_ID = "signed";

    private static final List<String> HEADER_ORDER = List.of("messageId", "correlationId", "type", "sender",
            "recipient", "createdAt", "schemaVersion", "requestHash", "purpose", "caseId");

    private final EnvelopeHeader header;
    private final String payloadXml;
    private final String signatureAlgorithm;
    private final XmlCanonicalization canonicalization;
    private final byte[] certificateDer;
    private final byte[] signatureValue;
    private final byte[] signedBytes;
    private final String text;

    private XmlEnvelope(EnvelopeHeader header, String payloadXml, String signatureAlgorithm,
            XmlCanonicalization canonicalization, byte[] certificateDer, byte[] signatureValue, byte[] signedBytes,
            String text) {
        this.header = header;
        this.payloadXml = payloadXml;
        this.signatureAlgorithm = signatureAlgorithm;
        this.canonicalization = canonicalization;
        this.certificateDer = certificateDer;
        this.signatureValue = signatureValue;
        this.signedBytes = signedBytes;
        this.text = text;
    }

    /**
     * Builds and signs an XML envelope around the partner's own XML document.
     *
     * @param payloadXml one XML document (no DOCTYPE), e.g. rendered from the partner's request template
     */
    static XmlEnvelope sign(EnvelopeHeader header, String payloadXml, XmlCanonicalization canonicalization,
            SigningIdentity identity, byte[] certificateDer) {
        Document payload = parseSafely(payloadXml, "the XML payload");
        Document doc = newBuilder().newDocument();
        doc.setXmlStandalone(true);
        Element root = doc.createElementNS(NAMESPACE, PREFIX + ":envelope");
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + PREFIX, NAMESPACE);
        doc.appendChild(root);
        Element signed = child(root, "signed", null);
        signed.setAttributeNS(null, ID_ATTRIBUTE, SIGNED_ID);
        Element head = child(signed, "header", null);
        ObjectNode h = header.toJson();
        for (String field : HEADER_ORDER) {
            if (h.hasNonNull(field)) {
                child(head, field, h.get(field).asText());
            }
        }
        child(signed, "payload", null).appendChild(doc.importNode(payload.getDocumentElement(), true));
        byte[] bytes = canonicalization.canonicalize(signed, ID_ATTRIBUTE);
        byte[] signature = identity.sign(bytes);
        Element sig = child(root, "signature", null);
        child(sig, "algorithm", identity.profile().signatureAlgorithm());
        child(sig, "canonicalization", canonicalization.uri());
        child(sig, "certificate", Base64.getEncoder().encodeToString(certificateDer));
        child(sig, "value", Base64.getEncoder().encodeToString(signature));
        String text = serialize(doc);
        XmlEnvelope sent = parse(text);
        if (!Arrays.equals(sent.signedBytes, bytes)) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED,
                    "the XML envelope does not read back to the bytes that were signed");
        }
        return sent;
    }

    /**
     * Parses an XML envelope's text and computes its signed bytes; the signature is not checked here (see
     * {@link EnvelopeVerifier}).
     *
     * @throws EnvelopeException {@code XML_UNSAFE} for a DOCTYPE, {@code ENVELOPE_MALFORMED} for anything
     *     that is not an XML envelope, {@code UNSUPPORTED_ALGORITHM} for an unknown canonicalization
     */
    public static XmlEnvelope parse(String text) {
        Document doc = parseSafely(text, "the XML envelope");
        Element root = doc.getDocumentElement();
        requireName(root, "envelope");
        List<Element> parts = children(root);
        if (parts.size() != 2) {
            throw malformed("envelope must hold exactly signed and signature");
        }
        Element signed = requireName(parts.get(0), "signed");
        Element sig = requireName(parts.get(1), "signature");
        if (!SIGNED_ID.equals(signed.getAttributeNS(null, ID_ATTRIBUTE)) || ordinaryAttributes(signed) != 1) {
            throw malformed("signed must carry exactly the attribute " + ID_ATTRIBUTE + "=\"" + SIGNED_ID + "\"");
        }
        List<Element> signedParts = children(signed);
        if (signedParts.size() != 2) {
            throw malformed("signed must hold exactly header and payload");
        }
        EnvelopeHeader header = header(requireName(signedParts.get(0), "header"));
        List<Element> payloadParts = children(requireName(signedParts.get(1), "payload"));
        if (payloadParts.size() != 1) {
            throw malformed("payload must hold exactly one element");
        }
        Map<String, String> s = leaves(sig, List.of("algorithm", "canonicalization", "certificate", "value"));
        for (String required : List.of("algorithm", "canonicalization", "certificate", "value")) {
            if (s.get(required) == null) {
                throw malformed("signature must hold algorithm, canonicalization, certificate and value");
            }
        }
        XmlCanonicalization c14n = XmlCanonicalization.fromUri(s.get("canonicalization"));
        byte[] certificate;
        byte[] value;
        try {
            certificate = Base64.getMimeDecoder().decode(s.get("certificate"));
            value = Base64.getMimeDecoder().decode(s.get("value"));
        } catch (IllegalArgumentException e) {
            throw malformed("signature certificate or value is not base64");
        }
        return new XmlEnvelope(header, serializeElement(payloadParts.get(0)), s.get("algorithm"), c14n, certificate,
                value, c14n.canonicalize(signed, ID_ATTRIBUTE), text);
    }

    /** Whether a text looks like an XML envelope (its first markup is not JSON). */
    public static boolean looksLikeXml(String text) {
        return text != null && text.stripLeading().startsWith("<");
    }

    @Override
    public EnvelopeHeader header() {
        return header;
    }

    /** The partner's own XML document carried as payload, as a standalone XML text (for its mapping). */
    public String payloadXml() {
        return payloadXml;
    }

    public XmlCanonicalization canonicalization() {
        return canonicalization;
    }

    @Override
    public byte[] signedBytes() {
        return signedBytes.clone();
    }

    @Override
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    @Override
    public byte[] signatureValue() {
        return signatureValue.clone();
    }

    @Override
    public String text() {
        return text;
    }

    // ------------------------------------------------------------------------------------------ reading

    private static EnvelopeHeader header(Element head) {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        for (Element field : children(head)) {
            if (!NAMESPACE.equals(field.getNamespaceURI())) {
                throw malformed("unknown header field '" + field.getLocalName() + "'");
            }
            if (!children(field).isEmpty()) {
                throw malformed("header." + field.getLocalName() + " must be text");
            }
            if (h.has(field.getLocalName())) {
                throw malformed("header." + field.getLocalName() + " appears twice");
            }
            h.put(field.getLocalName(), field.getTextContent());
        }
        return EnvelopeHeader.fromJson(h);
    }

    private static Map<String, String> leaves(Element parent, List<String> allowed) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Element e : children(parent)) {
            if (!NAMESPACE.equals(e.getNamespaceURI()) || !allowed.contains(e.getLocalName())
                    || out.containsKey(e.getLocalName()) || !children(e).isEmpty()) {
                throw malformed(parent.getLocalName() + " holds an unexpected element '" + e.getTagName() + "'");
            }
            out.put(e.getLocalName(), e.getTextContent().strip());
        }
        return out;
    }

    private static int ordinaryAttributes(Element e) {
        int n = 0;
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(e.getAttributes().item(i).getNamespaceURI())) {
                n++;
            }
        }
        return n;
    }

    private static Element requireName(Element e, String localName) {
        if (!NAMESPACE.equals(e.getNamespaceURI()) || !localName.equals(e.getLocalName())) {
            throw malformed("expected element {" + NAMESPACE + "}" + localName + ", found {" + e.getNamespaceURI()
                    + "}" + e.getLocalName());
        }
        return e;
    }

    /** Element children; any non-whitespace text beside them is refused. */
    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        boolean text = false;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) n);
            } else if ((n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE)
                    && !n.getNodeValue().isBlank()) {
                text = true;
            }
        }
        if (text && !out.isEmpty()) {
            throw malformed(parent.getLocalName() + " mixes text and elements");
        }
        return out;
    }

    private static EnvelopeException malformed(String why) {
        return new EnvelopeException(Code.ENVELOPE_MALFORMED, "XML envelope: " + why);
    }

    // ------------------------------------------------------------------------------------------ writing

    private static Element child(Element parent, String localName, String text) {
        Element e = parent.getOwnerDocument().createElementNS(NAMESPACE, PREFIX + ":" + localName);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    private static String serialize(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer t = factory.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "no");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "XML envelope cannot be serialised: " + e.getMessage(), e);
        }
    }

    /** One element as a standalone document text, with the namespace declarations it needs. */
    private static String serializeElement(Element element) {
        DOMImplementationLS ls = (DOMImplementationLS) element.getOwnerDocument().getImplementation()
                .getFeature("LS", "3.0");
        LSSerializer serializer = ls.createLSSerializer();
        serializer.getDomConfig().setParameter("xml-declaration", false);
        return serializer.writeToString(element);
    }

    // ------------------------------------------------------------------------------------------ parsing

    /** Parses untrusted XML: no DOCTYPE, no external entity or DTD, secure processing, no XInclude. */
    static Document parseSafely(String xml, String what) {
        if (xml == null || xml.isBlank()) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, what + " is empty, not XML");
        }
        if (XmlProlog.hasDoctype(xml)) {
            throw new EnvelopeException(Code.XML_UNSAFE, what + " carries a DOCTYPE (DTDs and entities are refused)");
        }
        try {
            return newBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, what + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilder newBuilder() {
        return SafeXml.newDocumentBuilderKeepingComments();
    }
}
