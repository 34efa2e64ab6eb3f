package org.assistx.gateway.envelope;

import java.io.IOException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import javax.xml.crypto.Data;
import javax.xml.crypto.OctetStreamData;
import javax.xml.crypto.URIReferenceException;
import javax.xml.crypto.dom.DOMCryptoContext;
import javax.xml.crypto.dom.DOMURIReference;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.TransformException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import org.assistx.gateway.Code;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The XML canonical forms an XML partner's descriptor may name ({@code crypto.canonicalization}), computed
 * with the JDK's own XML Signature implementation ({@code java.xml.crypto}): no canonicalizer is written
 * here. Comments are never part of the canonical form.
 *
 * <p>The JDK's public API canonicalizes a subtree that a same-document reference ({@code #id}) selects,
 * so the signed element carries an {@code Id} attribute (see {@link XmlEnvelope}).
 */
public enum XmlCanonicalization {

    /** Exclusive XML Canonicalization 1.0, without comments: namespaces rendered where visibly used. */
    EXCLUSIVE_XML_C14N(CanonicalizationMethod.EXCLUSIVE),
    /** Canonical XML 1.0, without comments: every in-scope namespace rendered on the apex element. */
    INCLUSIVE_XML_C14N(CanonicalizationMethod.INCLUSIVE);

    private final String uri;

    XmlCanonicalization(String uri) {
        this.uri = uri;
    }

    /** The algorithm URI, as written in an XML envelope's {@code signature/canonicalization}. */
    public String uri() {
        return uri;
    }

    /** The canonicalization with this algorithm URI. */
    public static XmlCanonicalization fromUri(String uri) {
        for (XmlCanonicalization c : values()) {
            if (c.uri.equals(uri)) {
                return c;
            }
        }
        throw new EnvelopeException(Code.UNSUPPORTED_ALGORITHM, "canonicalization '" + uri + "' is not supported (use "
                + EXCLUSIVE_XML_C14N.uri + " or " + INCLUSIVE_XML_C14N.uri + ")");
    }

    /**
     * The canonical form (UTF-8) of the subtree rooted at {@code element}, which must carry the attribute
     * {@code idAttribute} (no namespace) with a value unique in its document.
     */
    public byte[] canonicalize(Element element, String idAttribute) {
        String id = element.getAttributeNS(null, idAttribute);
        if (id.isEmpty()) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "the signed element has no " + idAttribute + " attribute");
        }
        DOMCryptoContext context = new DOMCryptoContext() {
        };
        context.setIdAttributeNS(element, null, idAttribute);
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        Attr here = element.getOwnerDocument().createAttributeNS(null, "URI");
        here.setValue("#" + id);
        try {
            Data subtree = factory.getURIDereferencer().dereference(new SameDocument(here), context);
            CanonicalizationMethod method = factory.newCanonicalizationMethod(uri, (C14NMethodParameterSpec) null);
            OctetStreamData out = (OctetStreamData) method.transform(subtree, context);
            return out.getOctetStream().readAllBytes();
        } catch (URIReferenceException | TransformException | NoSuchAlgorithmException
                | InvalidAlgorithmParameterException | IOException | ClassCastException e) {
            throw new EnvelopeException(Code.ENVELOPE_MALFORMED, "the signed element cannot be canonicalized ("
                    + name() + "): " + e.getMessage(), e);
        }
    }

    /** A same-document reference {@code #id}, as a signature's {@code Reference/@URI} would hold it. */
    private record SameDocument(Attr attribute) implements DOMURIReference {
        @Override
        public Node getHere() {
            return attribute;
        }

        @Override
        public String getURI() {
            return attribute.getValue();
        }

        @Override
        public String getType() {
            return null;
        }
    }
}
