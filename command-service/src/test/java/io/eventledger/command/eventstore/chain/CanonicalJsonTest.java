package io.eventledger.command.eventstore.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsKeysAtEveryDepthWithoutWhitespace() throws Exception {
        JsonNode node = Json.mapper().readTree("""
                { "b": 1, "a": { "z": [ { "y": "2", "x": null } ], "m": true },
                  "A": "upper sorts first" }""");

        assertThat(CanonicalJson.text(node))
                .isEqualTo("{\"A\":\"upper sorts first\",\"a\":{\"m\":true,\"z\":[{\"x\":null,\"y\":\"2\"}]},\"b\":1}");
    }

    @Test
    void theSameTreeGivesTheSameBytesWhateverTheInputOrder() throws Exception {
        JsonNode one = Json.mapper().readTree("{\"amount\":\"12.50\",\"currency\":\"EUR\",\"reference\":\"r\"}");
        // jsonb hands data back with keys reordered and spaces added
        JsonNode other = Json.mapper().readTree("{\"currency\": \"EUR\", \"reference\": \"r\", \"amount\": \"12.50\"}");

        assertThat(CanonicalJson.bytes(one)).isEqualTo(CanonicalJson.bytes(other));
    }

    @Test
    void keepsArrayOrderAndEscapesStrings() throws Exception {
        JsonNode node = Json.mapper().readTree("[3, 1, \"q\\\"uote\", \"é\"]");

        assertThat(CanonicalJson.text(node)).isEqualTo("[3,1,\"q\\\"uote\",\"é\"]");
    }
}
