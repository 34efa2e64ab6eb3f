package org.assistx.gateway.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import org.assistx.gateway.Code;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads a request body as one JSON object under strict limits: size ({@code assistx.ingress.max-body-bytes},
 * 413), nesting depth and string length, and no duplicate keys (400).
 */
@Component
public class JsonBodyReader {

    private static final int MAX_DEPTH = 16;

    private final ObjectMapper mapper;
    private final int maxBytes;

    public JsonBodyReader(IngressProperties properties) {
        this.maxBytes = properties.maxBodyBytes();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH).maxStringLength(maxBytes).maxNumberLength(40).build())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory).build();
    }

    public JsonNode readObject(InputStream in, long declaredLength) {
        if (declaredLength > maxBytes) {
            throw tooLarge();
        }
        byte[] body;
        try {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new IngressException(HttpStatus.BAD_REQUEST, Code.MALFORMED_JSON, null, "请求体无法读取。 / The body could not be read.");
        }
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        JsonNode node;
        try (JsonParser parser = mapper.createParser(body)) {
            node = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw malformed();
            }
        } catch (IOException e) {
            throw malformed();
        }
        if (node == null || !node.isObject()) {
            throw new IngressException(HttpStatus.BAD_REQUEST, Code.MALFORMED_JSON, null,
                    "请求体必须是一个JSON对象。 / The body must be a JSON object.");
        }
        return node;
    }

    private IngressException malformed() {
        return new IngressException(HttpStatus.BAD_REQUEST, Code.MALFORMED_JSON, null,
                "请求体不是有效的JSON。 / The body is not valid JSON.");
    }

    private IngressException tooLarge() {
        return new IngressException(HttpStatus.PAYLOAD_TOO_LARGE, Code.BODY_TOO_LARGE, null,
                "请求体超过" + maxBytes + "字节的上限。 / The body exceeds the limit of " + maxBytes + " bytes.");
    }
}
