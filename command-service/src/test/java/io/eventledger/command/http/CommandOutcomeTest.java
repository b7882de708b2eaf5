package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every status a command can be answered with falls into one of the few outcomes the meters know. */
class CommandOutcomeTest {

    @Test
    void mapsEachStatusToItsOutcome() {
        Map<Integer, String> outcomes = new TreeMap<>();
        for (int status : new int[] {200, 201, 202, 400, 404, 409, 412, 413, 415, 422, 500, 503}) {
            outcomes.put(status, CommandReplies.outcome(status, false));
        }

        assertThat(outcomes)
                .isEqualTo(new TreeMap<>(Map.ofEntries(
                        Map.entry(200, "accepted"),
                        Map.entry(201, "accepted"),
                        Map.entry(202, "accepted"),
                        Map.entry(400, "invalid"),
                        Map.entry(404, "invalid"),
                        Map.entry(409, "conflict"),
                        Map.entry(412, "invalid"),
                        Map.entry(413, "invalid"),
                        Map.entry(415, "invalid"),
                        Map.entry(422, "rejected"),
                        Map.entry(500, "error"),
                        Map.entry(503, "error"))));
    }

    @Test
    void aReplayedAnswerIsCountedApart() {
        assertThat(CommandReplies.outcome(201, true)).isEqualTo("replayed");
    }
}
