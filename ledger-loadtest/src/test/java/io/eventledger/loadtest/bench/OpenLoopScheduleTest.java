package io.eventledger.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    @Test
    void spacesStartsEvenlyAtTheRateWhateverHappened() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(5_000, 1000);
        assertThat(schedule.intendedStart(0)).isEqualTo(5_000);
        assertThat(schedule.intendedStart(1)).isEqualTo(1_005_000);
        assertThat(schedule.intendedStart(1000)).isEqualTo(1_000_005_000);
    }

    @Test
    void aFractionalRateDoesNotDrift() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3);
        assertThat(schedule.intendedStart(3)).isEqualTo(1_000_000_000L);
        assertThat(schedule.intendedStart(300)).isEqualTo(100_000_000_000L);
    }

    @Test
    void countsTheStartsBeforeTheEnd() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(100, 1000);
        assertThat(schedule.countBefore(100)).isZero();
        assertThat(schedule.countBefore(101)).isEqualTo(1);
        assertThat(schedule.countBefore(100 + 1_000_000_000L)).isEqualTo(1000);
        assertThat(schedule.countBefore(101 + 1_000_000_000L)).isEqualTo(1001);
        assertThat(new OpenLoopSchedule(0, 3).countBefore(1_000_000_000L)).isEqualTo(3);
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
