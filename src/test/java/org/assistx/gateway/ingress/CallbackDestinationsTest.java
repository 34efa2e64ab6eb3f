package org.assistx.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallbackDestinationsTest {

    private static CallbackDestinations destinations(boolean allowPrivate, boolean httpsOnly, String... bases) {
        return new CallbackDestinations(new CallbackProperties(Map.of("610113001", List.of(bases)), allowPrivate,
                httpsOnly));
    }

    @Test
    void aUrlUnderARegisteredBaseIsAllowedForItsTownshipOnly() {
        CallbackDestinations d = destinations(false, true, "https://xiaozhai.example.org/assistx/");
        assertThat(d.problem("610113001", "https://xiaozhai.example.org/assistx/status?id=1")).isNull();
        assertThat(d.problem("610113001", "https://XIAOZHAI.example.org:443/assistx/")).isNull();
        assertThat(d.problem("610113002", "https://xiaozhai.example.org/assistx/status")).contains("610113002");
        assertThatThrownBy(() -> d.requireAllowed("610113002", "https://xiaozhai.example.org/assistx/status"))
                .isInstanceOf(IngressException.class).extracting("code").isEqualTo("CALLBACK_NOT_ALLOWED");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://xiaozhai.example.org/assistx/status",          // https only
        "https://xiaozhai.example.org:8443/assistx/status",    // another port
        "https://xiaozhai.example.org/assistxx/status",        // a sibling path with the same prefix
        "https://xiaozhai.example.org/assistx/../admin",       // climbs out of the base path
        "https://xiaozhai.example.org/assistx/%2e%2e/admin",
        "https://xiaozhai.example.org.evil.test/assistx/",
        "https://evil.test/assistx/"})
    void anythingElseIsRefused(String url) {
        CallbackDestinations d = destinations(false, true, "https://xiaozhai.example.org/assistx/");
        assertThat(d.problem("610113001", url)).as(url).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/cb", "http://localhost:9000/cb", "http://[::1]:9000/cb",
        "http://10.1.2.3/cb", "http://192.168.1.10/cb", "http://172.16.0.1/cb", "http://169.254.169.254/cb",
        "http://100.64.0.1/cb", "http://0.0.0.0/cb", "http://[fd00::1]/cb", "http://[fe80::1]/cb"})
    void internalAddressesAreRefusedEvenWhenRegisteredUnlessAllowed(String url) {
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        assertThat(destinations(false, false, base).problem("610113001", url)).as(url)
                .contains("loopback, link-local or private");
        assertThat(destinations(true, false, base).problem("610113001", url)).as(url).isNull();
    }

    @Test
    void aHostResolvingToAnInternalAddressIsNotDeliveredTo() {
        assertThat(destinations(false, false).deliveryProblem("http://localhost:9000/cb"))
                .startsWith("CALLBACK_NOT_ALLOWED");
        assertThat(destinations(true, false).deliveryProblem("http://localhost:9000/cb")).isNull();
    }
}
