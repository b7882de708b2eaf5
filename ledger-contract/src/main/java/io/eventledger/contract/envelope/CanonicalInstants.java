package io.eventledger.contract.envelope;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Reads instants in the one form this project writes them ({@code Instant.toString}: UTC, {@code Z},
 * 0 to 9 fraction digits, a four-digit year) without {@code DateTimeFormatter}, which cost 8 % of the
 * projector's stream thread for the two instants of every envelope. Anything else, including a leap
 * second, an offset or a malformed value, goes to jsr310's own deserializer, so accepted values and error
 * messages are exactly what they were.
 */
final class CanonicalInstants extends StdScalarDeserializer<Instant> {

    private static final int SHORTEST = "2000-01-01T00:00:00Z".length();

    CanonicalInstants() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant canonical = parse(parser.getText());
            if (canonical != null) {
                return canonical;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /** The instant, or null where the text is not in the canonical form (the caller then falls back). */
    static Instant parse(String text) {
        int length = text.length();
        if (length < SHORTEST
                || length > SHORTEST + 10
                || text.charAt(length - 1) != 'Z'
                || !separators(text)
                || length == SHORTEST + 1) {
            return null;
        }
        int nanos = length == SHORTEST ? 0 : fraction(text, length - 1);
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((nanos | year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            int secondOfDay = LocalTime.of(hour, minute, second).toSecondOfDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + secondOfDay, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean separators(String text) {
        return text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':';
    }

    /** The nanoseconds of ".d{1,9}" between index 19 and {@code end}, or -1. */
    private static int fraction(String text, int end) {
        if (text.charAt(SHORTEST - 1) != '.') {
            return -1;
        }
        int count = end - SHORTEST;
        int value = digits(text, SHORTEST, count);
        if (value < 0) {
            return -1;
        }
        for (int i = count; i < 9; i++) {
            value *= 10;
        }
        return value;
    }

    /** The value of {@code count} ASCII digits from {@code start}, or -1 if one is not a digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
