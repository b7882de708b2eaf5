package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.platform.http.ProblemException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodiesTest {

    @Test
    void readsAWellFormedBody() {
        CommandBodies.Movement body = parse("{\"amount\":\"12.50\",\"reference\":\"r1\"}");

        assertThat(body).isEqualTo(new CommandBodies.Movement("12.50", "r1"));
    }

    @Test
    void keepsTextOutsideTheBasicPlane() {
        assertThat(parse("{\"amount\":\"1\",\"reference\":\"\\ud83d\\ude00 ok\"}")
                        .reference())
                .isEqualTo("\uD83D\uDE00 ok");
    }

    @ParameterizedTest(name = "{0} -> field {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"amount\":12.50,\"reference\":\"r\"}              | amount",
                "{\"amount\":12,\"reference\":\"r\"}                 | amount",
                "{\"amount\":true,\"reference\":\"r\"}               | amount",
                "{\"amount\":{\"v\":1},\"reference\":\"r\"}          | amount",
                "{\"reference\":\"r\"}                               | amount",
                "{\"amount\":null,\"reference\":\"r\"}               | amount",
                "{\"amount\":\"1\",\"reference\":\"r\",\"extra\":1}  | extra",
                "{\"amount\":\"1\",\"amount\":\"2\",\"reference\":\"r\"} | amount",
                "{\"amount\":\"1\",\"reference\":                    | reference",
                "[1,2]                                               | body",
                "null                                                | body",
                "''                                                  | body",
                "{\"amount\":\"1\",\"reference\":\"r\"} trailing     | body",
                "{\"amount\":\"1\",\"reference\":\"a\\u0000b\"}        | reference",
                "{\"amount\":\"1\",\"reference\":\"\\ud800\"}          | reference",
                "{\"amount\":\"1\",\"reference\":\"\\udc00x\"}         | reference"
            })
    void namesTheFieldOfEveryBadBody(String json, String field) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().field()).isEqualTo(field);
        });
    }

    private static CommandBodies.Movement parse(String json) {
        return JsonBodies.parse(json.getBytes(StandardCharsets.UTF_8), CommandBodies.Movement.class);
    }
}
