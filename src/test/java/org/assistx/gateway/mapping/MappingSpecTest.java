package org.assistx.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A mapping file that is wrong fails at load, naming the file, the key and the problem. */
class MappingSpecTest {

    static Path resource(String name) {
        try {
            return Path.of(MappingSpecTest.class.getResource("/mapping/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource /mapping/" + name + " is missing", e);
        }
    }

    @Test
    void the_base_of_the_invalid_files_is_valid() {
        MappingSpec spec = MappingSpec.load(resource("valid-base.yaml"));
        assertThat(spec.format()).isEqualTo("json");
        assertThat(spec.sourceSystem()).isEqualTo("TEST-SYS");
        assertThat(spec.mapsRecords()).isTrue();
        assertThat(spec.mapsProof()).isFalse();
        assertThat(spec.sourceName()).endsWith("valid-base.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-canonical-field.yaml  | /records/fields             | property 'personIdNo' is not defined in the schema
            unknown-code-table.yaml       | records.fields.status.codes  | unknown code table 'states' (tables: type, state)
            bad-date-pattern.yaml         | records.fields.startDate.date | bad date pattern: 'yyyy-MM-bb' is not a date pattern
            two-digit-year.yaml           | records.fields.startDate.date | 'yyMMdd' does not read dates back unchanged
            date-without-pattern.yaml     | records.fields.startDate     | a date field needs a date pattern
            missing-path.yaml             | /records/fields/division    | required property 'path' not found
            required-field-unmapped.yaml  | /records/fields             | required property 'status' not found
            code-value-not-canonical.yaml | codes.state.1                | maps to 'RUNNING', which is not a valid status (allowed: APPLIED, ACTIVE, SUSPENDED, TERMINATED)
            optional-required-field.yaml  | records.fields.status.optional | 'status' is required in every canonical record and cannot be optional
            not-a-json-pointer.yaml       | records.fields.personIdNumber.path | 'id' is not a JSON Pointer: it starts with '/', e.g. /id
            amount-without-unit.yaml      | /records/fields/amount      | required property 'unit' not found
            amount-bad-unit.yaml          | /records/fields/amount/unit | does not have a value in the enumeration ["fen", "yuan"]
            amount-bad-period.yaml        | /records/fields/amount/period | does not have a value in the enumeration ["MONTH", "ONCE"]
            unknown-top-level-key.yaml    | (root)                      | property 'codez' is not defined in the schema
            unknown-format.yaml           | /format                     | does not have a value in the enumeration ["json", "xml"]
            bad-const.yaml                | records.fields.category.const | 'URBAN' is not a valid category
            source-system-as-field.yaml   | /records/fields             | property 'sourceSystem' is not defined in the schema
            maps-nothing.yaml             | (root)                      | required property 'records' not found
            not-yaml.yaml                 | is not valid YAML            | line
            empty.yaml                    | is empty                     | empty.yaml
            xml-bad-xpath.yaml            | records.path                 | '/Result/Records/Record[' is not a usable XPath
            xml-undeclared-prefix.yaml    | records.fields.personIdNumber.path | 'zz:SFZH' is not a usable XPath
            namespaces-on-json.yaml       | namespaces                   | only an xml mapping declares namespaces
            proof-field-in-records.yaml   | /proof/fields               | property 'status' is not defined in the schema
            duplicate-key.yaml            | is not valid YAML (line 4)   | the key '1' appears twice in one mapping
            """)
    void an_invalid_file_is_refused_at_load_with_file_key_and_problem(String file, String key, String problem) {
        Path path = resource("invalid-specs/" + file);
        assertThatThrownBy(() -> MappingSpec.load(path))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(((MappingException) e).code()).isEqualTo(MappingException.SPEC_INVALID))
                .hasMessageStartingWith(path.toString() + ": ")
                .hasMessageContaining(key)
                .hasMessageContaining(problem);
    }

    @Test
    void a_missing_file_is_named() {
        Path nowhere = Path.of("routes", "partners", "nowhere", "mapping.yaml");
        assertThatThrownBy(() -> MappingSpec.load(nowhere))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining(nowhere.toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void codes_keep_their_leading_zeros_and_letters_when_quoted_or_not() {
        MappingSpec spec = MappingSpec.parse("""
                format: json
                sourceSystem: T
                records:
                  path: /r
                  fields:
                    personIdNumber: {path: /id}
                    division: {const: "440106"}
                    assistanceType: {path: /t, codes: t}
                    category: {const: TEMPORARY}
                    status: {path: /s, codes: s}
                codes:
                  t: {01: TEMPORARY, "02": TEMPORARY}
                  s: {Y: ACTIVE, N: TERMINATED, on: APPLIED, 0: SUSPENDED}
                """, "inline.yaml");
        FieldSpec type = spec.records().orElseThrow().fields().get("assistanceType");
        FieldSpec status = spec.records().orElseThrow().fields().get("status");
        assertThat(type.codes()).containsOnlyKeys("01", "02");
        assertThat(status.codes()).containsOnlyKeys("Y", "N", "on", "0");
    }

    @Test
    void the_source_name_is_in_every_message() {
        assertThatThrownBy(() -> MappingSpec.parse("format: json\nsourceSystem: 'has space'\nrecords: {}\n",
                "routes/partners/x/mapping.yaml"))
                .hasMessageStartingWith("routes/partners/x/mapping.yaml: ")
                .hasMessageContaining("/sourceSystem: does not match the regex pattern");
    }

    @Test
    void proof_only_mapping_may_leave_signature_verified_out() {
        MappingSpec spec = MappingSpec.parse("""
                format: json
                sourceSystem: T
                proof:
                  path: /p
                  fields:
                    documentNumber: {path: /no}
                    personIdNumber: {path: /id}
                    issuerDivision: {path: /org}
                    issuedOn: {path: /on, date: [yyyyMMdd, yyyy-MM-dd]}
                """, "proof-only.yaml");
        assertThat(spec.mapsRecords()).isFalse();
        assertThat(spec.mapsProof()).isTrue();
    }
}
