package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check catches answers and accepted requests that break docs/openapi.yaml. */
class ContractCheckTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> CALLER = Map.of("Content-Type", "application/json",
            "X-Client-Org", "610113001");
    private static final String REQUEST = TownshipClient.tourRequest("r-1", "610104199001011234", "张三");
    private static final String ACCEPTED = """
        {"verificationId": "v-1", "requestId": "r-1", "status": "ACCEPTED", "jurisdiction": "CROSS_COUNTY",
         "category": "RURAL_DIBAO", "route": {"partner": "xian-county-bureaus", "recipient": "610104"}}""";

    @Test
    void aCorrectExchangePasses() {
        assertThat(ContractCheck.problems("POST", "/api/v1/verifications", CALLER, REQUEST, 202, JSON, ACCEPTED))
                .isEmpty();
        assertThat(ContractCheck.problems("GET", "/api/v1/verifications/v-1", CALLER, null, 404, JSON,
                "{\"errors\": [{\"code\": \"NOT_FOUND\", \"field\": null, \"message\": \"没有该资源。 / Not found.\"}]}"))
                .isEmpty();
    }

    @Test
    void aStatusOutsideTheLifeCycleIsCaught() {
        assertThatThrownBy(() -> ContractCheck.require("POST", "/api/v1/verifications", CALLER, REQUEST, 202, JSON,
                ACCEPTED.replace("\"ACCEPTED\"", "\"DONE\""))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("DONE");
    }

    @Test
    void aCodeOutsideTheRegistryIsCaught() {
        assertThat(ContractCheck.problems("POST", "/api/v1/verifications", CALLER, "{", 400, JSON,
                "{\"errors\": [{\"code\": \"BAD_JSON\", \"field\": null, \"message\": \"x\"}]}"))
                .contains("BAD_JSON");
    }

    @Test
    void anUndocumentedFieldIsCaught() {
        assertThat(ContractCheck.problems("POST", "/api/v1/verifications", CALLER, REQUEST, 202, JSON,
                ACCEPTED.replace("\"requestId\"", "\"internalNote\": \"x\", \"requestId\"")))
                .contains("internalNote");
    }

    @Test
    void anUndeclaredStatusIsCaught() {
        assertThat(ContractCheck.problems("GET", "/api/v1/verifications/v-1", CALLER, null, 418, JSON, "{}"))
                .isNotEmpty();
    }

    @Test
    void aRecordThatBreaksTheRecordSchemaIsCaught() {
        String answered = """
            {"verificationId": "v-1", "requestId": "r-1", "status": "ANSWERED", "result": {"outcome": "RECEIVING",
             "records": [{"personIdNumber": "610104199001011234", "assistanceType": "DIBAO"}], "proof": null}}""";
        assertThat(ContractCheck.problems("GET", "/api/v1/verifications/v-1", CALLER, null, 200, JSON, answered))
                .contains("required");
    }

    @Test
    void anAcceptedRequestThatBreaksTheContractIsCaught() {
        assertThat(ContractCheck.problems("POST", "/api/v1/verifications", CALLER,
                REQUEST.replace("\"DIBAO\"", "\"GOLD\""), 202, JSON, ACCEPTED)).contains("GOLD");
    }

    @Test
    void theServiceUnavailableAnswerNeedsItsRetryAfter() {
        String unavailable = "{\"errors\": [{\"code\": \"STORE_UNAVAILABLE\", \"field\": null, \"message\": \"x\"}]}";
        assertThat(ContractCheck.problems("POST", "/api/v1/verifications", CALLER, REQUEST, 503,
                Map.of("Content-Type", "application/json", "Retry-After", "10"), unavailable)).isEmpty();
        assertThat(ContractCheck.problems("POST", "/api/v1/verifications", CALLER, REQUEST, 503, JSON, unavailable))
                .contains("Retry-After");
    }
}
