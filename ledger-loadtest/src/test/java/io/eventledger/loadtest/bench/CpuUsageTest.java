package io.eventledger.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuUsageTest {

    private static final long SELF = 10;

    @Test
    void readsTheAggregateLineAndAProcessLineWhoseNameHasSpacesAndParentheses() {
        long[] ticks = ProcSnapshot.ticks("cpu  100 5 50 800 20 3 2 0 0 0");
        assertThat(ticks).containsExactly(980, 160);
        String stat = "42 (Web Content) (x)) S 1 42 42 0 -1 4194560 100 0 0 0 170 30 0 0 20 0 12 0 500 0 0";
        assertThat(ProcSnapshot.processTicks(stat)).isEqualTo(200);
    }

    @Test
    void putsEachProcessInThePartOfThePipelineItIs() {
        assertThat(ProcSnapshot.group(SELF, SELF, "java", "java -jar command-service.jar bench"))
                .isEqualTo(ProcSnapshot.LOAD_GENERATOR);
        assertThat(ProcSnapshot.group(7, SELF, "java", "java -jar /x/command-service/target/cs.jar serve"))
                .isEqualTo(ProcSnapshot.COMMAND_SERVICE);
        assertThat(ProcSnapshot.group(7, SELF, "postgres", "postgres: 15/main: postgres db 127.0.0.1 idle"))
                .isEqualTo(ProcSnapshot.POSTGRES);
        assertThat(ProcSnapshot.group(7, SELF, "java", "java -cp libs/* kafka.Kafka server.properties"))
                .isEqualTo(ProcSnapshot.BROKER);
        assertThat(ProcSnapshot.group(7, SELF, "java", "java -jar projector-streams/target/ps.jar serve"))
                .isEqualTo(ProcSnapshot.PROJECTORS);
        // infra/ starts each service from a copy of its jar named after the instance
        assertThat(ProcSnapshot.group(7, SELF, "java", "java -Xmx512m -jar infra/.run/bench-projector-a.jar serve"))
                .isEqualTo(ProcSnapshot.PROJECTORS);
        assertThat(ProcSnapshot.group(7, SELF, "redis-server", "redis-server 127.0.0.1:6379"))
                .isEqualTo(ProcSnapshot.REDIS);
        assertThat(ProcSnapshot.group(7, SELF, "bash", "bash infra/bench.sh")).isEqualTo(ProcSnapshot.OTHER);
    }

    @Test
    void dividesTheWindowsCpuByTheCommandsAnsweredInIt() {
        // 2 cores, 10 s: 2,000 ticks in all at 100 a second, so a tick is 10 ms of CPU; 1,500 of them busy
        ProcSnapshot start = new ProcSnapshot(
                2,
                10_000,
                4_000,
                Map.of(
                        1L, new ProcSnapshot.ProcessTicks(ProcSnapshot.COMMAND_SERVICE, 5_000),
                        2L, new ProcSnapshot.ProcessTicks(ProcSnapshot.POSTGRES, 100),
                        3L, new ProcSnapshot.ProcessTicks(ProcSnapshot.POSTGRES, 50)));
        ProcSnapshot end = new ProcSnapshot(
                2,
                12_000,
                5_500,
                Map.of(
                        1L, new ProcSnapshot.ProcessTicks(ProcSnapshot.COMMAND_SERVICE, 5_800),
                        2L, new ProcSnapshot.ProcessTicks(ProcSnapshot.POSTGRES, 300),
                        4L, new ProcSnapshot.ProcessTicks(ProcSnapshot.POSTGRES, 100),
                        5L, new ProcSnapshot.ProcessTicks(ProcSnapshot.OTHER, 400)));

        CpuUsage usage = CpuUsage.between(start, end, 10, 5_000);

        assertThat(usage.busyCores()).isEqualTo(1.5);
        // 1,500 busy ticks = 15 s of CPU over 5,000 commands
        assertThat(usage.msPerCommand())
                .containsEntry(CpuUsage.MACHINE, 3.0)
                .containsEntry(ProcSnapshot.COMMAND_SERVICE, 1.6)
                // pid 3 ended in the window (its share is lost to "other"), pid 4 started in it (all of its time
                // counts)
                .containsEntry(ProcSnapshot.POSTGRES, 0.6)
                // busy time no named process accounts for, the live "other" processes among it
                .containsEntry(ProcSnapshot.OTHER, 0.8)
                .containsEntry(ProcSnapshot.BROKER, 0.0);
        assertThat(usage.ceilingPerS()).isCloseTo(666.7, within(0.1));
    }

    @Test
    void saysNothingWithoutAnswersOrTime() {
        ProcSnapshot snapshot = new ProcSnapshot(2, 10_000, 4_000, Map.of());
        assertThat(CpuUsage.between(snapshot, snapshot, 10, 100)).isNull();
        assertThat(CpuUsage.between(snapshot, new ProcSnapshot(2, 11_000, 4_500, Map.of()), 5, 0))
                .isNull();
    }

    @Test
    void readsThisMachinesProcWhereThereIsOne() {
        Optional<ProcSnapshot> snapshot = ProcSnapshot.take();
        if (snapshot.isPresent()) {
            assertThat(snapshot.get().cores()).isPositive();
            assertThat(snapshot.get().busyTicks())
                    .isPositive()
                    .isLessThanOrEqualTo(snapshot.get().totalTicks());
            assertThat(snapshot.get().processes().values())
                    .extracting(ProcSnapshot.ProcessTicks::group)
                    .contains(ProcSnapshot.LOAD_GENERATOR);
        } else {
            assertThat(System.getProperty("os.name")).doesNotStartWith("Linux");
        }
    }
}
