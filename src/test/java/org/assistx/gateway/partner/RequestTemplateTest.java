package org.assistx.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request templates: placeholders, dates, code tables, escaping, and every mistake found at load. */
class RequestTemplateTest {

    static final Map<String, Map<String, String>> CODES = Map.of(
            "lx", Map.of("DIBAO", "01", "TEKUN", "02", "TEMPORARY", "03"),
            "sf", Map.of("true", "Y", "false", "N"));

    static Map<String, String> values() {
        Map<String, String> v = new HashMap<>(RequestTemplate.sampleValues());
        v.put("person.idNumber", "440106198807150029");
        v.put("person.name", "陈\"小\"梅 <&>");
        v.put("assistanceType", "TEKUN");
        v.put("appliedOn", "2026-09-01");
        v.put("wantsProof", "true");
        return v;
    }

    @Test
    void jsonTemplateRendersDatesCodesAndEscapedText() {
        RequestTemplate t = RequestTemplate.parse("""
                {"sfzh": "${person.idNumber}", "xm": "${person.name}", "lx": "${assistanceType|codes:lx}",
                 "rq": "${appliedOn|yyyyMMdd}", "zm": "${wantsProof|codes:sf}"}""", RequestTemplate.Format.JSON, CODES, "t.json");
        assertThat(t.render(values())).isEqualTo("""
                {"sfzh": "440106198807150029", "xm": "陈\\"小\\"梅 <&>", "lx": "02",
                 "rq": "20260901", "zm": "Y"}""");
    }

    @Test
    void xmlTemplateEscapesTextAndAttributes() {
        RequestTemplate t = RequestTemplate.parse("<r id=\"${person.idNumber}\" n='${person.name}'>"
                + "<d>${appliedOn|yyyy年M月d日}</d><x>${person.name}</x></r>", RequestTemplate.Format.XML, CODES, "t.xml");
        assertThat(t.render(values())).isEqualTo("<r id=\"440106198807150029\" n='陈&quot;小&quot;梅 &lt;&amp;&gt;'>"
                + "<d>2026年9月1日</d><x>陈&quot;小&quot;梅 &lt;&amp;&gt;</x></r>");
    }

    @Test
    void mistakesAreFoundAtLoad() {
        assertThatThrownBy(() -> RequestTemplate.parse("{\"a\": \"${person.age}\"}", RequestTemplate.Format.JSON, CODES, "t"))
                .hasMessageContaining("${person.age} is not a request field");
        assertThatThrownBy(() -> RequestTemplate.parse("{\"a\": \"${assistanceType|codes:nope}\"}",
                RequestTemplate.Format.JSON, CODES, "t")).hasMessageContaining("no code table 'nope'");
        assertThatThrownBy(() -> RequestTemplate.parse("{\"a\": \"${assistanceType|codes:lx}\"}",
                RequestTemplate.Format.JSON, Map.of("lx", Map.of("DIBAO", "01")), "t"))
                .hasMessageContaining("has no code for [TEKUN, TEMPORARY]");
        assertThatThrownBy(() -> RequestTemplate.parse("{\"a\": \"${appliedOn|yyMM}\"}", RequestTemplate.Format.JSON, CODES, "t"))
                .hasMessageContaining("does not write a whole date");
        assertThatThrownBy(() -> RequestTemplate.parse("{\"a\": \"${person.name|yyyyMMdd}\"}",
                RequestTemplate.Format.JSON, CODES, "t")).hasMessageContaining("only dates");
        assertThatThrownBy(() -> RequestTemplate.parse("{\"a\": ${person.name}}", RequestTemplate.Format.JSON, CODES, "t"))
                .hasMessageContaining("does not render to valid JSON");
        assertThatThrownBy(() -> RequestTemplate.parse("<a>${person.name}</b>", RequestTemplate.Format.XML, CODES, "t"))
                .hasMessageContaining("well-formed XML");
        assertThatThrownBy(() -> RequestTemplate.parse("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>",
                RequestTemplate.Format.XML, CODES, "t")).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> RequestTemplate.parse("{\"a\": \"${person.name\"}", RequestTemplate.Format.JSON, CODES, "t"))
                .hasMessageContaining("not closed");
    }
}
