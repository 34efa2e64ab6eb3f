package org.assistx.gateway.mapping;

/**
 * The lexical check every XML input passes before a parser sees it (partner replies, XML envelopes, the
 * SOAP ingress): a document type declaration in the prolog means DTDs or entities (XXE, external DTDs,
 * billion laughs), and is refused outright.
 */
public final class XmlProlog {

    private XmlProlog() {
    }

    /**
     * Whether the prolog (everything before the root element) holds a document type declaration. Read
     * lexically, so the answer does not depend on a parser's localised messages.
     */
    public static boolean hasDoctype(String xml) {
        int i = 0;
        int n = xml.length();
        if (n > 0 && xml.charAt(0) == '\uFEFF') {
            i = 1;
        }
        while (i < n) {
            char c = xml.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (xml.startsWith("<?", i)) {
                int end = xml.indexOf("?>", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else if (xml.startsWith("<!--", i)) {
                int end = xml.indexOf("-->", i + 4);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else {
                return xml.regionMatches(true, i, "<!DOCTYPE", 0, 9);
            }
        }
        return false;
    }
}
