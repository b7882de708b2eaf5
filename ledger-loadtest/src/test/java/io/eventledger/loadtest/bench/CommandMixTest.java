package io.eventledger.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CommandMixTest {

    @Test
    void drawsKindsInTheirProportions() {
        CommandMix mix = CommandMix.parse(CommandMix.DEFAULT);
        Map<CommandKind, Integer> counts = new EnumMap<>(CommandKind.class);
        SplittableRandom random = new SplittableRandom(3);
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            counts.merge(mix.next(random), 1, Integer::sum);
        }
        assertThat(counts.get(CommandKind.DEPOSIT) / (double) draws).isCloseTo(0.50, within(0.01));
        assertThat(counts.get(CommandKind.WITHDRAWAL) / (double) draws).isCloseTo(0.25, within(0.01));
        assertThat(counts.get(CommandKind.TRANSFER) / (double) draws).isCloseTo(0.25, within(0.01));
    }

    @Test
    void aZeroWeightNeverComesUp() {
        CommandMix mix = CommandMix.parse("1:0:0");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            assertThat(mix.next(random)).isEqualTo(CommandKind.DEPOSIT);
        }
        assertThat(mix).hasToString("1:0:0");
    }

    @Test
    void refusesMalformedMixes() {
        for (String bad : new String[] {"50:50", "a:b:c", "0:0:0", "1:-1:1", "1:2:3:4"}) {
            assertThatThrownBy(() -> CommandMix.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
