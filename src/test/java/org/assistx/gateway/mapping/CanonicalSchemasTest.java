package org.assistx.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CanonicalSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode record() throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"personIdNumber": "610104198503150029", "personName": "李四", "division": "610104003",
                 "assistanceType": "DIBAO", "category": "URBAN_DIBAO", "status": "ACTIVE",
                 "startDate": "2024-03-01", "endDate": null,
                 "amount": {"value": "850.00", "currency": "CNY", "period": "MONTH"},
                 "sourceSystem": "XA-COUNTY-MZ", "sourceRecordId": "XA-LH-DB-2024-0318"}
                """);
    }

    private static ObjectNode proof() throws IOException {
        return (ObjectNode) JSON.readTree("""
                {"documentNumber": "粤穗天民救证〔2024〕0017号", "personIdNumber": "440106198807150024",
                 "personName": null, "issuerDivision": "440106", "issuerName": null, "issuedOn": "2024-03-12",
                 "validUntil": null, "statement": null, "signatureVerified": false, "sourceSystem": "GD-MZ"}
                """);
    }

    private static ObjectNode envelope(String type) throws IOException {
        ObjectNode e = (ObjectNode) JSON.readTree("""
                {"header": {"messageId": "5f0c8a56-0d5e-4b8e-9d43-1f6f0d1a2b3c", "correlationId": "v-1",
                            "type": "VERIFICATION_REQUEST", "sender": "610113001", "recipient": "610113",
                            "createdAt": "2026-09-01T08:00:00Z", "schemaVersion": "1",
                            "purpose": "RULES.md R6", "caseId": "610113001-2026-000123"},
                 "payload": {"person": {"idNumber": "610104199001011234"}},
                 "signature": {"algorithm": "SM3withSM2", "certificate": "MIIBszCCAVmgAwIBAgIU", "value": "MEUCIQD+/w=="}}
                """);
        ((ObjectNode) e.get("header")).put("type", type);
        return e;
    }

    @Test
    void a_canonical_record_and_proof_are_valid() throws IOException {
        assertThat(CanonicalSchemas.validateRecord(record())).isEmpty();
        assertThat(CanonicalSchemas.validateProof(proof())).isEmpty();
        ObjectNode noAmount = record();
        noAmount.putNull("amount");
        noAmount.putNull("startDate");
        assertThat(CanonicalSchemas.validateRecord(noAmount)).isEmpty();
    }

    @Test
    void record_violations_name_the_property() throws IOException {
        ObjectNode r = record();
        r.put("status", "RUNNING");
        r.put("personIdNumber", "61010419850315002x");
        r.put("division", "6101");
        r.put("startDate", "2024-02-30");
        ((ObjectNode) r.get("amount")).put("value", "850.5");
        assertThat(String.join("\n", CanonicalSchemas.validateRecord(r)))
                .contains("/status", "/personIdNumber", "/division", "/startDate", "/amount");
    }

    @Test
    void every_property_is_present_and_no_other() throws IOException {
        ObjectNode r = record();
        r.remove("endDate");
        r.put("extra", "x");
        assertThat(CanonicalSchemas.validateRecord(r)).containsExactly(
                "(root): property 'extra' is not defined in the schema and the schema does not allow additional properties",
                "(root): required property 'endDate' not found");
    }

    @Test
    void category_must_agree_with_the_assistance_type() throws IOException {
        ObjectNode r = record();
        r.put("category", "RURAL_TEKUN");
        assertThat(CanonicalSchemas.validateRecord(r)).anyMatch(v -> v.contains("/category"));
        r.put("assistanceType", "TEMPORARY");
        r.put("category", "URBAN_DIBAO");
        assertThat(CanonicalSchemas.validateRecord(r)).anyMatch(v -> v.contains("/category"));
        r.put("category", "TEMPORARY");
        assertThat(CanonicalSchemas.validateRecord(r)).isEmpty();
    }

    @Test
    void proof_needs_its_identifying_fields() throws IOException {
        ObjectNode p = proof();
        p.putNull("documentNumber");
        p.put("signatureVerified", "yes");
        p.put("issuedOn", "12.03.2024");
        assertThat(String.join("\n", CanonicalSchemas.validateProof(p)))
                .contains("/documentNumber", "/signatureVerified", "/issuedOn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VERIFICATION_REQUEST", "PROOF_REQUEST", "APPROVAL_RESULT_NOTICE",
            "EMERGENCY_AID_NOTICE", "PAYMENT_SUSPENSION_NOTICE", "CASE_TRANSFER_REQUEST"})
    void envelopes_of_each_type_are_valid(String type) throws IOException {
        assertThat(CanonicalSchemas.validateEnvelope(envelope(type))).isEmpty();
    }

    @Test
    void a_reply_must_carry_the_request_hash() throws IOException {
        ObjectNode reply = envelope("VERIFICATION_RESULT");
        assertThat(CanonicalSchemas.validateEnvelope(reply)).anyMatch(v -> v.contains("requestHash"));
        ((ObjectNode) reply.get("header")).put("requestHash", "ab".repeat(32));
        assertThat(CanonicalSchemas.validateEnvelope(reply)).isEmpty();
        ((ObjectNode) reply.get("header")).put("requestHash", "AB".repeat(32));
        assertThat(CanonicalSchemas.validateEnvelope(reply)).anyMatch(v -> v.contains("requestHash"));
    }

    @Test
    void a_request_must_say_why_and_for_which_case() throws IOException {
        ObjectNode request = envelope("VERIFICATION_REQUEST");
        ((ObjectNode) request.get("header")).remove("purpose");
        assertThat(CanonicalSchemas.validateEnvelope(request)).anyMatch(v -> v.contains("purpose"));
    }

    @Test
    void envelope_violations() throws IOException {
        ObjectNode e = envelope("VERIFICATION_REQUEST");
        ObjectNode h = (ObjectNode) e.get("header");
        h.put("type", "HELLO");
        h.put("createdAt", "yesterday");
        h.put("leak", "internal");
        ((ObjectNode) e.get("signature")).put("algorithm", "MD5withRSA");
        ((ObjectNode) e.get("signature")).put("value", "not base64!");
        e.put("payload", "text");
        assertThat(String.join("\n", CanonicalSchemas.validateEnvelope(e)))
                .contains("/header/type", "/header/createdAt", "leak", "/signature/algorithm",
                        "/signature/value", "/payload");
        assertThat(CanonicalSchemas.validateEnvelope(JSON.missingNode())).containsExactly("(root): no document");
    }

    @ParameterizedTest
    @ValueSource(strings = {CanonicalSchemas.RECORD, CanonicalSchemas.PROOF, CanonicalSchemas.ENVELOPE,
            CanonicalSchemas.PARTNER, CanonicalSchemas.MAPPING, CanonicalSchemas.SIMULATOR})
    void published_copies_in_docs_are_identical_to_the_source(String file) throws IOException {
        Path published = Path.of("docs", "schemas", file);
        assertThat(published).as("docs/schemas/%s (copy it from src/main/resources/schemas/)", file).exists();
        assertThat(Files.readString(published, StandardCharsets.UTF_8))
                .as("docs/schemas/%s differs from src/main/resources/schemas/%s: copy the source over", file, file)
                .isEqualTo(CanonicalSchemas.schemaText(file));
        JsonNode schema = JSON.readTree(CanonicalSchemas.schemaText(file));
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }
}
