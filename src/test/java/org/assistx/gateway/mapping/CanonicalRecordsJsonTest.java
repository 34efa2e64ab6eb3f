package org.assistx.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The canonical records serialise with the property names of DESIGN §6 and ISO dates, whatever the mapper. */
class CanonicalRecordsJsonTest {

    static final AssistanceRecord RECORD = new AssistanceRecord("610104198503150029", "李四", "610104003", "DIBAO",
            "URBAN_DIBAO", "ACTIVE", LocalDate.of(2024, 3, 1), null, new Amount("850.00", "CNY", "MONTH"),
            "XA-COUNTY-MZ", "XA-LH-DB-2024-0318");
    static final NonReceiptProof PROOF = new NonReceiptProof("浙杭西民证〔2024〕第0158号", "33010619900307002X", "周晓燕",
            "330106", "杭州市西湖区民政局", LocalDate.of(2024, 3, 5), LocalDate.of(2024, 6, 4), "经核查……", false, "ZJ-MZ");

    /** Even a mapper left at Jackson's default of writing dates as arrays writes them as ISO strings. */
    private final ObjectMapper timestamps = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Test
    void record_properties_and_dates() throws Exception {
        JsonNode json = timestamps.valueToTree(RECORD);
        assertThat(json.fieldNames()).toIterable().containsExactly("personIdNumber", "personName", "division",
                "assistanceType", "category", "status", "startDate", "endDate", "amount", "sourceSystem",
                "sourceRecordId");
        assertThat(json.get("startDate").asText()).isEqualTo("2024-03-01");
        assertThat(json.get("endDate").isNull()).isTrue();
        assertThat(json.get("amount").toString()).isEqualTo("{\"value\":\"850.00\",\"currency\":\"CNY\",\"period\":\"MONTH\"}");
        assertThat(CanonicalSchemas.validateRecord(json)).isEmpty();
        assertThat(timestamps.treeToValue(json, AssistanceRecord.class)).isEqualTo(RECORD);
    }

    @Test
    void proof_properties_and_dates() throws Exception {
        JsonNode json = timestamps.valueToTree(PROOF);
        assertThat(json.fieldNames()).toIterable().containsExactly("documentNumber", "personIdNumber", "personName",
                "issuerDivision", "issuerName", "issuedOn", "validUntil", "statement", "signatureVerified",
                "sourceSystem");
        assertThat(json.get("issuedOn").asText()).isEqualTo("2024-03-05");
        assertThat(json.get("signatureVerified").isBoolean()).isTrue();
        assertThat(CanonicalSchemas.validateProof(json)).isEmpty();
        assertThat(timestamps.readValue(timestamps.writeValueAsString(PROOF), NonReceiptProof.class)).isEqualTo(PROOF);
    }
}
