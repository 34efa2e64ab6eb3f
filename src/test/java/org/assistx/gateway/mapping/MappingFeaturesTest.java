package org.assistx.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mapping.yaml features one by one, on small inline mappings. */
class MappingFeaturesTest {

    private static final String FIELDS = """
                personIdNumber: {path: /id}
                division: {path: /area}
                assistanceType: {const: DIBAO}
                category: {const: URBAN_DIBAO}
                status: {const: ACTIVE}
            """;

    private static RecordMapper json(String records, String extra) {
        return new RecordMapper(MappingSpec.parse("format: json\nsourceSystem: T-1\n" + records + extra, "inline.yaml"), "p");
    }

    @Test
    void a_records_path_on_a_single_object_gives_one_record_and_the_root_path_addresses_the_whole_answer() {
        RecordMapper m = json("""
                records:
                  path: /data/record
                  fields:
                    personIdNumber: {rootPath: /data/person/id}
                    personName: {rootPath: /data/person/name}
                    division: {path: /area}
                    assistanceType: {const: TEKUN}
                    category: {const: RURAL_TEKUN}
                    status: {const: ACTIVE}
                """, "");
        assertThat(m.mapRecords("{\"data\": {\"person\": {\"id\": \"440106198807150024\", \"name\": \"陈小梅\"},"
                + " \"record\": {\"area\": \"440106\"}}}"))
                .containsExactly(new AssistanceRecord("440106198807150024", "陈小梅", "440106", "TEKUN", "RURAL_TEKUN",
                        "ACTIVE", null, null, null, "T-1", null));
    }

    @Test
    void the_payload_itself_may_be_the_list_of_records() {
        RecordMapper m = json("records:\n  path: \"\"\n  fields:\n" + FIELDS, "");
        assertThat(m.mapRecords("[{\"id\": \"440106198807150024\", \"area\": \"440106\"}]")).hasSize(1);
    }

    @Test
    void several_paths_are_joined_for_the_code_lookup_and_a_missing_part_is_empty() {
        RecordMapper m = json("""
                records:
                  path: /r
                  fields:
                    personIdNumber: {path: /id}
                    division: {path: /area}
                    assistanceType: {path: /type, codes: type}
                    category: {path: [/type, /urban], codes: category}
                    status: {const: ACTIVE}
                codes:
                  type: {DB: DIBAO, LS: TEMPORARY}
                  category: {"DB|C": URBAN_DIBAO, "DB|N": RURAL_DIBAO, "LS|": TEMPORARY}
                """, "");
        List<AssistanceRecord> r = m.mapRecords("{\"r\": [{\"id\": \"440106198807150024\", \"area\": \"440106\", "
                + "\"type\": \"DB\", \"urban\": \"N\"}, {\"id\": \"440106198807150024\", \"area\": \"440106\", \"type\": \"LS\"}]}");
        assertThat(r).extracting(AssistanceRecord::category).containsExactly("RURAL_DIBAO", "TEMPORARY");
        assertThatThrownBy(() -> m.mapRecords("{\"r\": [{\"id\": \"440106198807150024\", \"area\": \"440106\", "
                + "\"type\": \"DB\", \"urban\": \"X\"}]}"))
                .hasMessageContaining("field 'category', path '/type | /urban', value 'DB|X'");
    }

    @Test
    void date_patterns_are_tried_in_order_and_a_top_level_date_format_is_the_default() {
        RecordMapper m = json("records:\n  path: /r\n  fields:\n" + FIELDS + """
                    startDate: {path: /from}
                    endDate: {path: /to, date: [epochMillis, "yyyy年M月d日"], optional: true}
                """, "dateFormat: [yyyyMMdd, yyyy-MM-dd'T'HH:mm:ssXXX]\n");
        AssistanceRecord r = m.mapRecords("{\"r\": {\"id\": \"440106198807150024\", \"area\": \"440106\", "
                + "\"from\": \"2024-02-29T23:30:00+08:00\", \"to\": 1719763200000}}").get(0);
        assertThat(r.startDate()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(r.endDate()).isEqualTo(LocalDate.of(2024, 7, 1)); // 2024-06-30T16:00Z is July 1st in China
        AssistanceRecord chinese = m.mapRecords("{\"r\": {\"id\": \"440106198807150024\", \"area\": \"440106\", "
                + "\"from\": \"20240101\", \"to\": \"2024年12月31日\"}}").get(0);
        assertThat(chinese.endDate()).isEqualTo(LocalDate.of(2024, 12, 31));
    }

    @Test
    void constants_fill_canonical_values_directly() {
        RecordMapper m = json("""
                records:
                  path: /r
                  fields:
                    personIdNumber: {path: /id}
                    division: {const: "440106000000"}
                    assistanceType: {const: TEMPORARY}
                    category: {const: TEMPORARY}
                    status: {const: TERMINATED}
                    startDate: {const: 2024-01-01}
                    amount: {const: "500", unit: yuan, period: ONCE}
                """, "");
        assertThat(m.mapRecords("{\"r\": [{\"id\": \"440106198807150024\"}]}")).singleElement().satisfies(r -> {
            assertThat(r.division()).isEqualTo("440106");
            assertThat(r.startDate()).isEqualTo(LocalDate.of(2024, 1, 1));
            assertThat(r.amount()).isEqualTo(new Amount("500.00", "CNY", "ONCE"));
        });
    }

    @Test
    void json_amounts_with_a_fraction_are_read_exactly() {
        RecordMapper m = json("records:\n  path: /r\n  fields:\n" + FIELDS
                + "    amount: {path: /je, unit: yuan, period: MONTH}\n", "");
        assertThat(m.mapRecords("{\"r\": {\"id\": \"440106198807150024\", \"area\": \"440106\", \"je\": 1200.10}}")
                .get(0).amount().value()).isEqualTo("1200.10");
        assertThatThrownBy(() -> m.mapRecords("{\"r\": {\"id\": \"440106198807150024\", \"area\": \"440106\", "
                + "\"je\": 0.30000000000000004}}")).hasMessageContaining("more than two decimal places");
    }

    @ParameterizedTest
    @CsvSource({
        "fen,  55000,     550.00",
        "fen,  55000.00,  550.00",
        "fen,  1,         0.01",
        "fen,  0,         0.00",
        "yuan, 550,       550.00",
        "yuan, 550.5,     550.50",
        "yuan, 550.50,    550.50",
        "yuan, 550.500,   550.50",
        "yuan, 0.01,      0.01"})
    void amounts_in_fen_and_yuan(String unit, String raw, String expected) {
        assertThat(Values.amount(raw, FieldSpec.AmountUnit.valueOf(unit.toUpperCase()))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            fen  | 100.5       | is not a whole number of fen
            yuan | 1.005       | has more than two decimal places
            yuan | 1e3         | is not a decimal number
            yuan | ¥100        | is not a decimal number
            yuan | -1          | is negative
            fen  | 99999999999999 | is implausibly large
            """)
    void amounts_that_are_refused(String unit, String raw, String problem) {
        assertThatThrownBy(() -> Values.amount(raw, FieldSpec.AmountUnit.valueOf(unit.toUpperCase())))
                .hasMessageContaining(problem);
    }

    @Test
    void division_codes_are_normalised() {
        assertThat(Values.division("610104003000")).isEqualTo("610104003");
        assertThat(Values.division("610104000000")).isEqualTo("610104");
        assertThat(Values.division("610104000")).isEqualTo("610104");
        assertThat(Values.division("610104")).isEqualTo("610104");
        assertThat(Values.division("6101")).isNull();
        assertThat(Values.division("61010A")).isNull();
    }

    @Test
    void a_proof_with_a_flag_from_a_code_table_and_a_proof_that_is_absent() {
        RecordMapper m = json("""
                proof:
                  path: /zm
                  fields:
                    documentNumber: {path: /no}
                    personIdNumber: {path: /id}
                    issuerDivision: {path: /org}
                    issuedOn: {path: /on, date: yyyyMMdd}
                    signatureVerified: {path: /yq, codes: yesNo, optional: true}
                codes:
                  yesNo: {"1": true, "0": false}
                """, "");
        String proof = "{\"zm\": {\"no\": \"A-1\", \"id\": \"440106198807150024\", \"org\": \"440106\", \"on\": \"20240312\", \"yq\": 1}}";
        assertThat(m.mapProof(proof)).hasValueSatisfying(p -> {
            assertThat(p.signatureVerified()).isTrue();
            assertThat(p.issuedOn()).isEqualTo(LocalDate.of(2024, 3, 12));
            assertThat(p.sourceSystem()).isEqualTo("T-1");
        });
        assertThat(m.mapProof(proof.replace(", \"yq\": 1", ""))).hasValueSatisfying(p ->
                assertThat(p.signatureVerified()).isFalse());
        assertThat(m.mapProof("{\"zm\": null}")).isEmpty();
        assertThat(m.mapProof("{}")).isEmpty();
        assertThatThrownBy(() -> m.mapProof("{\"zm\": [{}, {}]}"))
                .hasMessageContaining("proof path '/zm' expected one object, found a list of 2");
        assertThatThrownBy(() -> m.mapProof(proof.replace("\"yq\": 1", "\"yq\": 2")))
                .hasMessageContaining("proof, field 'signatureVerified', path '/yq', value '2'");
    }

    private static final String XML_MAPPING = """
            format: xml
            sourceSystem: X
            records:
              path: /R/Rec
              fields:
                personIdNumber: {path: "substring(Code, 1, 18)"}
                division: {path: "concat(Area, '000')"}
                assistanceType: {const: DIBAO}
                category: {const: URBAN_DIBAO}
                status: {const: ACTIVE}
                amount: {path: "sum(Pay/@fen)", unit: fen, period: MONTH}
                sourceRecordId: {path: "Id", optional: true}
            """;

    @Test
    void xpath_functions_give_values() {
        RecordMapper m = new RecordMapper(MappingSpec.parse(XML_MAPPING, "x.yaml"), "x");
        String xml = "<R><Rec><Code>440106198807150024-OLD</Code><Area>440106</Area>"
                + "<Pay fen=\"50000\"/><Pay fen=\"3050\"/></Rec></R>";
        assertThat(m.mapRecords(xml)).containsExactly(new AssistanceRecord("440106198807150024", null, "440106",
                "DIBAO", "URBAN_DIBAO", "ACTIVE", null, null, new Amount("530.50", "CNY", "MONTH"), "X", null));
    }

    @Test
    void an_xpath_matching_several_values_is_refused() {
        RecordMapper m = new RecordMapper(MappingSpec.parse(XML_MAPPING, "x.yaml"), "x");
        String xml = "<R><Rec><Code>440106198807150024</Code><Area>440106</Area><Pay fen=\"1\"/>"
                + "<Id>a</Id><Id>b</Id></Rec></R>";
        assertThatThrownBy(() -> m.mapRecords(xml))
                .hasMessageContaining("field 'sourceRecordId', path 'Id': expected a single value, found 2 nodes");
    }

    @Test
    void one_mapper_serves_many_threads() throws Exception {
        RecordMapper zj = new RecordMapper(
                MappingSpec.load(PartnerGoldenFilesTest.partnersFolder().resolve("zj-mz/mapping.yaml")), "zj-mz");
        String answer = Files.readString(PartnerGoldenFilesTest.partnersFolder().resolve("zj-mz/samples/with-proof.xml"));
        List<AssistanceRecord> expected = zj.mapRecords(answer);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<AssistanceRecord>>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> zj.mapRecords(answer)));
            }
            for (Future<List<AssistanceRecord>> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
