package io.eventledger.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalInstantsTest {

    private final ObjectReader reader = Json.mapper().readerFor(Instant.class);

    @Test
    void readsWhatInstantWritesAtEveryPrecision() throws JsonProcessingException {
        SplittableRandom random = new SplittableRandom(42);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max + 1), nanos);
            assertThat(CanonicalInstants.parse(instant.toString())).isEqualTo(instant);
            assertThat((Instant) reader.readValue('"' + instant.toString() + '"'))
                    .isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-02T17:21:25.4Z",
                "2026-12-02T17:21:25.43Z",
                "2026-12-02T17:21:25.123456789Z",
                "2024-02-29T00:00:00Z",
                "1970-01-01T00:00:00Z",
                "2026-12-02T17:21:25.100Z"
            })
    void agreesWithInstantParse(String text) {
        assertThat(CanonicalInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-02T17:21:25+01:00",
                "2016-12-31T23:59:60Z",
                "+10000-01-01T00:00:00Z",
                "2026-12-02T17:21:25.1234567891Z",
                "2026-12-02T17:21:25.Z",
                "2026-12-02 17:21:25Z",
                "2026-12-02T17:21Z"
            })
    void leavesOtherFormsToTheStandardReaderWhichDecidesAsBefore(String text) throws JsonProcessingException {
        assertThat(CanonicalInstants.parse(text)).isNull();
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (RuntimeException e) {
            expected = null;
        }
        if (expected != null) {
            assertThat((Instant) reader.readValue('"' + text + '"')).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-30T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-12-02T25:00:00Z",
                "2026-12-02T17:21:2xZ",
                "2026-12-0217:21:25.000Z",
                "not an instant at all"
            })
    void rejectsWhatTheStandardReaderRejects(String text) {
        assertThat(CanonicalInstants.parse(text)).isNull();
        assertThatThrownBy(() -> reader.readValue('"' + text + '"')).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void stillReadsNumericInstants() throws JsonProcessingException {
        assertThat((Instant) reader.readValue("1700000000.5"))
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
    }
}
