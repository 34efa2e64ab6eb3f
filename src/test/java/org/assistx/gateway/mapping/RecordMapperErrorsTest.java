package org.assistx.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An answer that cannot be mapped fails with {@code MAPPING_FAILED} and a message that names the
 * partner, the canonical field, the source path and the value; nothing becomes null silently.
 */
class RecordMapperErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTNER = "xian-county-bureaus";

    private final RecordMapper county = new RecordMapper(
            MappingSpec.load(java.nio.file.Path.of("routes", "partners", PARTNER, "mapping.yaml")), PARTNER);

    /** A county answer with one good record, changed by {@code change}. */
    private static String answer(Consumer<ObjectNode> change) {
        ObjectNode root = JSON.createObjectNode();
        root.put("sfzh", "610104198503150029");
        root.put("hcdw", "610104");
        ObjectNode r = root.putArray("jzxx").addObject();
        r.put("sfzh", "610104198503150029");
        r.put("xm", "李四");
        r.put("xzqh", "610104003");
        r.put("jzlx", "DB");
        r.put("jzlb", "CSDB");
        r.put("zt", "1");
        r.put("ksrq", "2024-03-01");
        r.putNull("jsrq");
        r.put("je", "850.00");
        r.put("zq", "Y");
        r.put("jlbh", "XA-LH-DB-2024-0318");
        change.accept(r);
        return root.toString();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> failsWith(String answer, String... fragments) {
        return assertThatThrownBy(() -> county.mapRecords(answer))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(((MappingException) e).code()).isEqualTo(MappingException.MAPPING_FAILED))
                .hasMessageContaining("partner '" + PARTNER + "'")
                .hasMessageContaining("record 1 of 1")
                .hasMessageContainingAll(fragments);
    }

    @Test
    void the_unchanged_answer_maps() {
        assertThat(county.mapRecords(answer(r -> { }))).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("ACTIVE"));
    }

    @Test
    void unknown_code() {
        failsWith(answer(r -> r.put("zt", "7")),
                "field 'status'", "path '/zt'", "value '7'", "is not a code in table 'zt' (known codes: 0, 1, 2, 9)");
    }

    @Test
    void unknown_code_in_the_period_of_an_amount() {
        failsWith(answer(r -> r.put("zq", "W")), "field 'amount.period'", "path '/zq'", "value 'W'", "table 'zq'");
    }

    @Test
    void missing_required_field() {
        failsWith(answer(r -> r.remove("jzlx")),
                "field 'assistanceType'", "path '/jzlx'", "value <missing>", "a required value is missing");
    }

    @Test
    void null_or_blank_required_field_counts_as_missing() {
        failsWith(answer(r -> r.putNull("xzqh")), "field 'division'", "path '/xzqh'", "value <missing>");
        failsWith(answer(r -> r.put("jlbh", "   ")), "field 'sourceRecordId'", "path '/jlbh'", "value <missing>");
    }

    @ParameterizedTest
    @CsvSource({"2024-02-30", "2024/03/01", "20240301", "2024-3-1", "yesterday"})
    void bad_date(String date) {
        failsWith(answer(r -> r.put("ksrq", date)),
                "field 'startDate'", "path '/ksrq'", "value '" + date + "'", "is not a date written yyyy-MM-dd");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            12,50   | is not a decimal number
            abc     | is not a decimal number
            1e3     | is not a decimal number
            -5.00   | is negative
            850.005 | has more than two decimal places of yuan
            """)
    void bad_amount(String amount, String problem) {
        failsWith(answer(r -> r.put("je", amount)),
                "field 'amount'", "path '/je'", "value '" + amount + "'", problem, "(amounts here are in yuan)");
    }

    @Test
    void a_value_where_a_structure_is_expected_or_the_reverse() {
        failsWith(answer(r -> r.putObject("zt").put("code", "1")), "field 'status'", "path '/zt'",
                "expected a single value, found an object");
    }

    @Test
    void a_bad_id_number_is_reported_masked() {
        failsWith(answer(r -> r.put("sfzh", "6101041985031500299")), "field 'personIdNumber'", "path '/sfzh'",
                "value '610104*********0299'", "is not an 18-character ID number")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("6101041985031500299"));
    }

    @Test
    void a_bad_division_code() {
        failsWith(answer(r -> r.put("xzqh", "6101")), "field 'division'", "path '/xzqh'", "value '6101'",
                "is not a division code");
    }

    @Test
    void a_record_that_breaks_the_canonical_schema_names_the_schema_and_the_sources() {
        failsWith(answer(r -> r.put("jzlb", "NCTK")),
                "the mapped values break assistance-record.schema.json", "/category",
                "'category' from /jzlb = 'NCTK'", "'assistanceType' from /jzlx = 'DB'");
    }

    @Test
    void a_too_long_name_breaks_the_schema() {
        failsWith(answer(r -> r.put("xm", "名".repeat(101))), "assistance-record.schema.json", "/personName",
                "'personName' from /xm");
    }

    @Test
    void every_record_is_checked_and_the_failing_one_is_named() {
        String two = answer(r -> { }).replace("]", ",{\"sfzh\":\"610104198503150029\",\"xzqh\":\"610104\","
                + "\"jzlx\":\"DB\",\"jzlb\":\"CSDB\",\"zt\":\"5\",\"jlbh\":\"X2\"}]");
        assertThatThrownBy(() -> county.mapRecords(two)).hasMessageContaining("record 2 of 2")
                .hasMessageContaining("value '5'");
    }

    @Test
    void records_path_absent_is_not_read_as_no_records() {
        assertThatThrownBy(() -> county.mapRecords("{\"sfzh\": \"610104198503150029\", \"hcdw\": \"610104\"}"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("nothing at records path '/jzxx'")
                .hasMessageContaining("records.whenAbsent: empty");
        assertThatThrownBy(() -> county.mapRecords("{\"jzxx\": null}")).hasMessageContaining("nothing at records path");
    }

    @Test
    void records_path_leading_to_a_value_or_a_list_of_values() {
        assertThatThrownBy(() -> county.mapRecords("{\"jzxx\": \"none\"}"))
                .hasMessageContaining("records path '/jzxx' expected a list of objects, found the value 'none'");
        assertThatThrownBy(() -> county.mapRecords("{\"jzxx\": [1, 2]}"))
                .hasMessageContaining("item 1 of the list is the value '1', not an object");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                              | the answer is empty
            "not json"                      | the answer is not valid JSON
            "{\\"jzxx\\": []} trailing"     | the answer is not valid JSON
            "{\\"jzxx\\": [], \\"jzxx\\": [1]}" | the answer is not valid JSON
            "42"                            | not a JSON object or list
            """)
    void answers_that_are_not_json(String answer, String problem) {
        assertThatThrownBy(() -> county.mapRecords(answer.replace("\\\"", "\"")))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(((MappingException) e).code()).isEqualTo(MappingException.MAPPING_FAILED))
                .hasMessageContaining("partner 'xian-county-bureaus'")
                .hasMessageContaining(problem);
    }

    @Test
    void a_mapping_without_a_proof_section_finds_no_proof_but_one_without_records_cannot_map_records() {
        assertThat(county.mapProof(answer(r -> { }))).isEmpty();
        RecordMapper proofOnly = new RecordMapper(MappingSpec.parse("""
                format: json
                sourceSystem: T
                proof:
                  path: /p
                  fields:
                    documentNumber: {path: /no}
                    personIdNumber: {path: /id}
                    issuerDivision: {path: /org}
                    issuedOn: {path: /on, date: yyyyMMdd}
                """, "proof-only.yaml"), "proofs");
        assertThatThrownBy(() -> proofOnly.mapRecords("{}"))
                .hasMessageContaining("has no 'records' section").hasMessageContaining("proof-only.yaml");
    }

    @Test
    void a_json_tree_cannot_be_mapped_with_an_xml_mapping() {
        RecordMapper zj = new RecordMapper(
                MappingSpec.load(PartnerGoldenFilesTest.partnersFolder().resolve("zj-mz/mapping.yaml")), "zj-mz");
        assertThatThrownBy(() -> zj.mapRecords(JSON.createObjectNode()))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("the mapping reads xml, so it cannot map a JSON tree");
    }
}
