package org.assistx.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** XML answers cannot make the gateway read a file, open a connection or expand entities (DESIGN §9). */
class XmlSafetyTest {

    private static final String SECRET = "TOP-SECRET-7f3a91";
    private static final String NS = "http://mz.zj.gov.cn/shjz/hcjg/1.0";

    private final RecordMapper zj = new RecordMapper(
            MappingSpec.load(PartnerGoldenFilesTest.partnersFolder().resolve("zj-mz/mapping.yaml")), "zj-mz");

    @TempDir
    Path temp;

    private Path secretFile() throws IOException {
        return Files.writeString(temp.resolve("secret.txt"), SECRET);
    }

    private static String answerWithCode(String doctype, String code) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype + "\n<zj:HcjgResponse xmlns:zj=\"" + NS + "\">"
                + "<zj:Head><zj:Code>" + code + "</zj:Code><zj:Msg>x</zj:Msg></zj:Head>"
                + "<zj:Body><zj:Person idNumber=\"330106199507070016\"><zj:Name>吴磊</zj:Name></zj:Person>"
                + "<zj:Records/></zj:Body></zj:HcjgResponse>";
    }

    private void refusedAsUnsafe(String answer) {
        assertThatThrownBy(() -> zj.mapRecords(answer))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(((MappingException) e).code()).isEqualTo(MappingException.XML_UNSAFE))
                .hasMessageContaining("zj-mz")
                .hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> zj.mapProof(answer))
                .satisfies(e -> assertThat(((MappingException) e).code()).isEqualTo(MappingException.XML_UNSAFE));
    }

    @Test
    void the_same_answer_without_a_doctype_maps() {
        assertThat(zj.mapRecords(answerWithCode("", "0000"))).isEmpty();
    }

    @Test
    void external_entity_reading_a_file_is_refused() throws IOException {
        String xxe = "<!DOCTYPE zj:HcjgResponse [<!ENTITY xxe SYSTEM \"" + secretFile().toUri() + "\">]>";
        refusedAsUnsafe(answerWithCode(xxe, "&xxe;"));
    }

    @Test
    void billion_laughs_is_refused_at_once() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String bomb = answerWithCode(dtd.toString(), "&lol9;");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refusedAsUnsafe(bomb));
    }

    @Test
    void external_dtd_and_parameter_entities_open_no_connection() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + listener.getLocalPort();
            refusedAsUnsafe(answerWithCode("<!DOCTYPE zj:HcjgResponse SYSTEM \"" + url + "/evil.dtd\">", "0000"));
            refusedAsUnsafe(answerWithCode("<!DOCTYPE r [<!ENTITY % remote SYSTEM \"" + url + "/p.dtd\"> %remote;]>",
                    "0000"));
            refusedAsUnsafe(answerWithCode("<!DOCTYPE r [<!ENTITY x SYSTEM \"" + url + "/x\">]>", "&x;"));
            // parsing is synchronous: a connection attempt would already wait in the backlog
            listener.setSoTimeout(300);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\uFEFF<!DOCTYPE a [<!ENTITY e \"x\">]><a/>",
        "<?xml version=\"1.0\"?><!-- a comment --><?pi data?>\n  <!DOCTYPE a><a/>",
        "<!doctype a><a/>",
        "\n\n<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>"})
    void a_doctype_anywhere_in_the_prolog_is_found(String xml) {
        assertThat(XmlProlog.hasDoctype(xml)).isTrue();
        assertThatThrownBy(() -> SafeXml.parse(xml, "test"))
                .satisfies(e -> assertThat(((MappingException) e).code()).isEqualTo(MappingException.XML_UNSAFE));
    }

    @Test
    void a_doctype_word_in_content_is_just_text() {
        assertThat(XmlProlog.hasDoctype("<?xml version=\"1.0\"?><a>&lt;!DOCTYPE x&gt;</a>")).isFalse();
        assertThat(SafeXml.parse("<a><![CDATA[<!DOCTYPE x>]]></a>", "test").getDocumentElement().getTextContent())
                .isEqualTo("<!DOCTYPE x>");
    }

    @Test
    void the_parser_itself_refuses_a_doctype_as_a_second_line_of_defence() throws IOException {
        String xxe = "<!DOCTYPE a [<!ENTITY xxe SYSTEM \"" + secretFile().toUri() + "\">]><a>&xxe;</a>";
        assertThatThrownBy(() -> SafeXml.newDocumentBuilder().parse(new InputSource(new StringReader(xxe))))
                .isInstanceOf(SAXException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void a_doctype_after_the_root_element_is_refused_too() throws IOException {
        String late = "<a/><!DOCTYPE a [<!ENTITY xxe SYSTEM \"" + secretFile().toUri() + "\">]>";
        assertThatThrownBy(() -> SafeXml.parse(late, "test"))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(((MappingException) e).code()).isEqualTo(MappingException.MAPPING_FAILED))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void xinclude_is_not_processed() throws IOException {
        String include = "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + secretFile().toUri()
                + "\" parse=\"text\"/>";
        String answer = answerWithCode("", "0000").replace("<zj:Name>吴磊</zj:Name>", "<zj:Name>" + include + "</zj:Name>")
                .replace("<zj:Records/>", "<zj:Records><zj:Record recordNo=\"R1\"><zj:AssistType code=\"1\"/>"
                        + "<zj:Area type=\"1\"/><zj:RegionCode>330106</zj:RegionCode><zj:State>ZC</zj:State>"
                        + "<zj:BeginDate>2024-01-01 00:00:00</zj:BeginDate><zj:Money>1</zj:Money></zj:Record></zj:Records>");
        assertThat(SafeXml.parse(answer, "test").getDocumentElement().getTextContent()).doesNotContain(SECRET);
        assertThatThrownBy(() -> zj.mapRecords(answer))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("field 'personName'")
                .hasMessageContaining("with child elements")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void xml_that_is_not_well_formed() {
        assertThatThrownBy(() -> zj.mapRecords("<zj:HcjgResponse xmlns:zj=\"" + NS + "\"><zj:Head>"))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(((MappingException) e).code()).isEqualTo(MappingException.MAPPING_FAILED))
                .hasMessageContaining("the answer of partner 'zj-mz' is not well-formed XML (line 1");
        assertThatThrownBy(() -> zj.mapRecords("{\"json\": true}")).hasMessageContaining("not well-formed XML");
        assertThatThrownBy(() -> zj.mapRecords(" ")).hasMessageContaining("is empty, not XML");
    }
}
