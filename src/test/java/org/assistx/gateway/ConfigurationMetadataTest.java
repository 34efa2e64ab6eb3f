package org.assistx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every {@code assistx.*} key of {@code application.yml} and {@code application-prod.yml} is in Spring's
 * configuration metadata (generated from the {@code @ConfigurationProperties} classes, plus
 * {@code META-INF/additional-spring-configuration-metadata.json} for the keys read with {@code @Value}), so an
 * IDE completes and explains it: a new key without metadata fails here.
 */
class ConfigurationMetadataTest {

    @Test
    void everyAssistxKeyOfTheShippedConfigurationHasMetadata() throws Exception {
        Set<String> described = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String resource : List.of("META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                for (JsonNode p : json.readTree(in).path("properties")) {
                    described.add(p.path("name").asText());
                }
            }
        }
        Set<String> keys = new TreeSet<>();
        for (String file : List.of("application.yml", "application-prod.yml")) {
            for (Object doc : new Yaml().loadAll(Files.readString(Path.of("src/main/resources", file)))) {
                flatten("", doc, keys);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            String k = key.toLowerCase(Locale.ROOT).replace('_', '-');
            if (k.startsWith("assistx.") && described.stream().noneMatch(d -> k.equals(d) || k.startsWith(d + ".")
                    || k.startsWith(d + "["))) {
                missing.add(key);
            }
        }
        assertThat(keys).anyMatch(k -> k.startsWith("assistx.crypto."));
        assertThat(missing).as("assistx keys without configuration metadata").isEmpty();
    }

    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, keys));
        } else {
            keys.add(prefix);
        }
    }
}
