package org.assistx.gateway.ingress.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.assistx.gateway.Code;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The documented verification WSDL ({@code docs/wsdl/verification-service.wsdl}, equal to the served one by
 * {@code EnvelopeExchangeWsdlTest}) is a real contract: its schema compiles and rejects what the gateway
 * would refuse for its form, its dates are dates, every operation declares the fault, and the fault's code
 * enumeration is the code registry ({@link Code}) — a code added without the WSDL fails here.
 */
class VerificationWsdlTest {

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    private static final String NS = VerificationServicePort.NAMESPACE;

    static Document wsdl;
    static Schema schema;

    @BeforeAll
    static void read() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        wsdl = factory.newDocumentBuilder().parse(Path.of("docs", "wsdl", "verification-service.wsdl").toFile());
        NodeList schemas = wsdl.getElementsByTagNameNS(XS, "schema");
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < schemas.getLength(); i++) {
            sources.add(new DOMSource(schemas.item(i)));
        }
        assertThat(sources).isNotEmpty();
        schema = SchemaFactory.newInstance(XS).newSchema(sources.toArray(Source[]::new));
    }

    private static List<Element> elements(Element parent, String ns, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(ns, name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static void validate(String xml) throws Exception {
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    private static String submit(String appliedOn, String assistanceType) {
        return "<v:submitVerification xmlns:v=\"" + NS + "\"><v:request><v:requestId>r-1</v:requestId>"
                + "<v:appliedOn>" + appliedOn + "</v:appliedOn><v:residenceTownship>610113001</v:residenceTownship>"
                + "<v:applicant><v:idNumber>610104199001011234</v:idNumber><v:name>张三</v:name>"
                + "<v:hukouDivision>610104003</v:hukouDivision><v:hukouNature>RURAL</v:hukouNature></v:applicant>"
                + "<v:residenceSince>2026-01-15</v:residenceSince><v:assistanceType>" + assistanceType
                + "</v:assistanceType><v:declarationOfNonReceipt>true</v:declarationOfNonReceipt>"
                + "</v:request></v:submitVerification>";
    }

    @Test
    void theSchemaTypesTheRequest() throws Exception {
        validate(submit("2026-09-01", "DIBAO"));
        assertThatThrownBy(() -> validate(submit("2026-09-31", "DIBAO"))).isInstanceOf(SAXException.class)
                .hasMessageContaining("2026-09-31");
        assertThatThrownBy(() -> validate(submit("01.09.2026", "DIBAO"))).isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> validate(submit("2026-09-01", "PENSION"))).isInstanceOf(SAXException.class)
                .hasMessageContaining("PENSION");
        assertThatThrownBy(() -> validate(submit("2026-09-01", "DIBAO")
                .replace("<v:requestId>r-1</v:requestId>", ""))).isInstanceOf(SAXException.class);
    }

    @Test
    void datesAreDatesAndNothingIsJsonText() {
        for (Element e : elements(wsdl.getDocumentElement(), XS, "element")) {
            String name = e.getAttribute("name");
            String type = e.getAttribute("type");
            if (name.matches(".*(On|Since|Until|Due|Date)$")) {
                assertThat(type).as(name).isEqualTo("xs:date");
            }
            if (name.matches(".*At$")) {
                assertThat(type).as(name).isEqualTo("xs:dateTime");
            }
            assertThat(name).as("no JSON text inside XML").doesNotContainIgnoringCase("json");
        }
    }

    @Test
    void everyOperationDeclaresTheFault() {
        Element portType = elements(wsdl.getDocumentElement(), WSDL, "portType").get(0);
        List<Element> operations = elements(portType, WSDL, "operation");
        assertThat(operations).extracting(o -> o.getAttribute("name")).containsExactlyInAnyOrder(
                Arrays.stream(VerificationServicePort.class.getDeclaredMethods()).map(m -> m.getName()).toArray(String[]::new));
        for (Element operation : operations) {
            assertThat(elements(operation, WSDL, "fault")).as(operation.getAttribute("name"))
                    .extracting(f -> f.getAttribute("message")).containsExactly("tns:VerificationFault");
        }
        Element binding = elements(wsdl.getDocumentElement(), WSDL, "binding").get(0);
        for (Element operation : elements(binding, WSDL, "operation")) {
            assertThat(elements(operation, WSDL, "fault")).as(operation.getAttribute("name")).hasSize(1);
        }
        Element faultMessage = elements(wsdl.getDocumentElement(), WSDL, "message").stream()
                .filter(m -> m.getAttribute("name").equals("VerificationFault")).findFirst().orElseThrow();
        assertThat(elements(faultMessage, WSDL, "part").get(0).getAttribute("element")).isEqualTo("tns:verificationFault");
    }

    @Test
    void theFaultCodeEnumerationIsTheCodeRegistry() {
        Element codeType = elements(wsdl.getDocumentElement(), XS, "simpleType").stream()
                .filter(t -> t.getAttribute("name").equals("code")).findFirst().orElseThrow();
        Set<String> declared = new TreeSet<>();
        elements(codeType, XS, "enumeration").forEach(e -> declared.add(e.getAttribute("value")));
        Set<String> registry = new TreeSet<>();
        for (Code c : Code.values()) {
            assertThat(c.soapFault()).isIn("Client", "Server");
            registry.add(c.name());
        }
        assertThat(declared).isEqualTo(registry);
    }
}
