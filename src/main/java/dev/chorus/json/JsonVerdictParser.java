package dev.chorus.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.orchestration.analysis.ModelVerdict;
import dev.chorus.orchestration.analysis.VerdictParser;
import dev.chorus.provider.catalog.Domain;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@link VerdictParser} on Jackson: checks a model's reply against the profile contract. Strict where a wrong value would misroute a
 * question (types, ranges, known names, nothing missing), lenient where it costs nothing: a
 * Markdown fence around the object, letter case of the domain, and extra fields, which models add
 * unasked ("reason") and which would otherwise waste the one retry.
 */
public final class JsonVerdictParser implements VerdictParser {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}|und");

    @Override
    public Parsed parse(String reply) {
        JsonNode root;
        try {
            root = ModelJson.read(reply);
        } catch (JacksonException e) {
            return invalid("the reply is not a single JSON object (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            return invalid("the reply must be one JSON object, not " + (root == null ? "nothing" : root.getNodeType()));
        }
        JsonNode domain = root.get("domain");
        if (domain == null || !domain.isTextual()) {
            return invalid("\"domain\" is missing or not a string");
        }
        Domain parsedDomain;
        try {
            parsedDomain = Domain.fromKey(domain.asText());
        } catch (IllegalArgumentException e) {
            return invalid("\"domain\" is \"" + domain.asText() + "\" but must be one of: " + ModelVerdict.DOMAIN_NAMES);
        }
        String complexityError = unitError(root, "complexity");
        if (complexityError != null) {
            return invalid(complexityError);
        }
        JsonNode language = root.get("language");
        if (language == null || !language.isTextual()
                || !LANGUAGE.matcher(language.asText().strip().toLowerCase(Locale.ROOT)).matches()) {
            return invalid("\"language\" must be a two-letter ISO 639-1 code such as \"en\" or \"ru\", or \"und\"");
        }
        String confidenceError = unitError(root, "confidence");
        if (confidenceError != null) {
            return invalid(confidenceError);
        }
        return new Parsed.Valid(new ModelVerdict(parsedDomain, root.get("complexity").doubleValue(),
                language.asText().strip().toLowerCase(Locale.ROOT), root.get("confidence").doubleValue()));
    }

    private static String unitError(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isNumber()) {
            return "\"" + field + "\" is missing or not a number";
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value) || value < 0 || value > 1) {
            return "\"" + field + "\" is " + node.asText() + " but must be a number from 0 to 1";
        }
        return null;
    }

    private static Parsed invalid(String error) {
        return new Parsed.Invalid(error);
    }
}
