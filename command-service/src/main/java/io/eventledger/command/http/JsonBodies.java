package io.eventledger.command.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.http.Problem;
import io.eventledger.platform.http.ProblemException;
import io.javalin.http.Context;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Client bodies: JSON only (else 415), strict (unknown, missing, null or duplicate fields are 400s), and
 * no coercion of numbers into text fields, so an amount sent as a JSON number is refused, not rounded.
 */
final class JsonBodies {

    private static final ObjectMapper STRICT = strictMapper();
    /**
     * Each body type's fields, looked up once: {@code getRecordComponents()} makes new accessor methods on every
     * call, and a new method builds its invoker on first use, which cost more than parsing the body itself.
     */
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(c -> new Field(c.getName(), c.getAccessor()))
                    .toList();
        }
    };

    private record Field(String name, Method accessor) {

        Object of(Record value) {
            try {
                return accessor.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
        }
    }

    private JsonBodies() {}

    static <T extends Record> T read(Context ctx, Class<T> type) {
        String mediaType = ctx.contentType() == null
                ? ""
                : ctx.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new ProblemException(Problem.of(
                    415,
                    "unsupported-media-type",
                    "Unsupported media type",
                    "send the body as application/json",
                    "Content-Type"));
        }
        return parse(ctx.bodyAsBytes(), type);
    }

    static <T extends Record> T parse(byte[] body, Class<T> type) {
        T value;
        try {
            value = STRICT.readValue(body, type);
        } catch (IOException e) {
            throw problem(e);
        }
        if (value == null) {
            throw ProblemException.badRequest("body", "the body must be a JSON object");
        }
        for (Field field : FIELDS.get(type)) {
            Object content = field.of(value);
            if (content == null) {
                throw ProblemException.badRequest(field.name(), field.name() + " is required");
            }
            if (content instanceof String text && !storable(text)) {
                throw ProblemException.badRequest(
                        field.name(), field.name() + " contains U+0000 or an unpaired surrogate");
            }
        }
        return value;
    }

    private static ProblemException problem(IOException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return ProblemException.badRequest(u.getPropertyName(), "unknown field " + u.getPropertyName());
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = m.getPath().getLast().getFieldName();
            String expected = m.getTargetType() == String.class ? "a JSON string" : "of another type";
            return ProblemException.badRequest(field, field + " must be " + expected);
        }
        if (e instanceof StreamReadException s) {
            return ProblemException.badRequest(
                    currentField(s),
                    "malformed JSON: "
                            + s.getOriginalMessage().lines().findFirst().orElse(""));
        }
        return ProblemException.badRequest("body", "the body must be a JSON object");
    }

    /** The field the parser was in when the JSON broke, where it knows one. */
    private static String currentField(StreamReadException e) {
        JsonParser parser = e.getProcessor();
        String name = parser == null ? null : parser.getParsingContext().getCurrentName();
        return name == null ? "body" : name;
    }

    /**
     * Valid JSON text that Postgres jsonb refuses (U+0000) or that is not Unicode (a lone surrogate) would
     * fail only at the append, as a database error; it is the client's input, so it is a 400 here.
     */
    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0
                    || Character.isLowSurrogate(c)
                    || Character.isHighSurrogate(c)
                            && (++i == text.length() || !Character.isLowSurrogate(text.charAt(i)))) {
                return false;
            }
        }
        return true;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = Json.strictMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
