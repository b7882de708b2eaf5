package io.eventledger.contract.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates an envelope and its {@code data} against the JSON Schemas that ship in ledger-contract's resources
 * ({@code schemas/envelope.schema.json}, {@code schemas/events/<type>.v<version>.schema.json}).
 */
public final class EnvelopeSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EnvelopeSchemas() {}

    /** The violations, empty when the envelope and its data are valid. */
    public static List<String> violations(JsonNode envelope) {
        List<String> problems = new ArrayList<>(messages("schemas/envelope.schema.json", envelope));
        if (problems.isEmpty()) {
            String data = "schemas/events/" + envelope.get("eventType").asText() + ".v"
                    + envelope.get("schemaVersion").asInt() + ".schema.json";
            problems.addAll(messages(data, envelope.get("data")));
        }
        return problems;
    }

    public static boolean exists(String eventType, int schemaVersion) {
        return EnvelopeSchemas.class
                        .getClassLoader()
                        .getResource("schemas/events/" + eventType + ".v" + schemaVersion + ".schema.json")
                != null;
    }

    private static List<String> messages(String resource, JsonNode node) {
        JsonSchema schema = CACHE.computeIfAbsent(resource, EnvelopeSchemas::load);
        if (schema == null) {
            return List.of("no schema " + resource);
        }
        return schema.validate(node).stream().map(ValidationMessage::getMessage).toList();
    }

    private static JsonSchema load(String resource) {
        InputStream in = EnvelopeSchemas.class.getClassLoader().getResourceAsStream(resource);
        return in == null ? null : FACTORY.getSchema(in, CONFIG);
    }
}
