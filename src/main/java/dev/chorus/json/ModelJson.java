package dev.chorus.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading JSON that a model wrote: strict about the JSON itself (one value, no trailing text, no
 * duplicate keys), lenient about a Markdown fence around it, which models add unasked.
 */
final class ModelJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern FENCED = Pattern.compile("(?s)^```[a-zA-Z]{0,10}\\s*\\n?(.*?)\\n?\\s*```$");

    private ModelJson() {
    }

    /** The JSON in {@code reply}; throws Jackson's exception when it is not one JSON value. */
    static JsonNode read(String reply) throws com.fasterxml.jackson.core.JacksonException {
        String body = reply.strip();
        Matcher fence = FENCED.matcher(body);
        if (fence.matches()) {
            body = fence.group(1).strip();
        }
        return JSON.readTree(body);
    }
}
