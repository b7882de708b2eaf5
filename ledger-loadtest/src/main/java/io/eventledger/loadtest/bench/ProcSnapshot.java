package io.eventledger.loadtest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine's CPU time at one instant, from Linux's {@code /proc}: all cores together (busy and total, in
 * clock ticks) and each process's own ticks, put in a group by what the process is. Two of them, taken at the
 * ends of the measured window, say where the machine's CPU went while the commands ran ({@link CpuUsage}).
 */
record ProcSnapshot(int cores, long totalTicks, long busyTicks, Map<Long, ProcessTicks> processes) {

    static final String LOAD_GENERATOR = "load generator";
    static final String COMMAND_SERVICE = "command-service";
    static final String POSTGRES = "Postgres";
    static final String PROJECTORS = "projectors";
    static final String BROKER = "Kafka broker";
    static final String REDIS = "Redis";
    static final String OTHER = "other";
    /** The order a person reads them in; {@link #OTHER} is what no live process accounts for. */
    static final List<String> GROUPS =
            List.of(COMMAND_SERVICE, POSTGRES, PROJECTORS, BROKER, REDIS, LOAD_GENERATOR, OTHER);

    private static final Path PROC = Path.of("/proc");
    // /proc/PID/stat after the command name: state is field 3, utime 14 and stime 15
    private static final int UTIME = 14 - 3;
    private static final int STIME = 15 - 3;

    /** One process: its group and the user + system ticks it has used since it started. */
    record ProcessTicks(String group, long ticks) {}

    /** Empty where there is no {@code /proc/stat} (not Linux): the run then reports no CPU figures. */
    static Optional<ProcSnapshot> take() {
        long self = ProcessHandle.current().pid();
        try {
            List<String> stat = Files.readAllLines(PROC.resolve("stat"));
            int cores = (int) stat.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
            long[] all = stat.stream()
                    .filter(l -> l.startsWith("cpu "))
                    .findFirst()
                    .map(ProcSnapshot::ticks)
                    .orElseThrow(() -> new IOException("no cpu line in /proc/stat"));
            Map<Long, ProcessTicks> processes = new HashMap<>();
            try (Stream<Path> entries = Files.list(PROC)) {
                entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .forEach(p -> process(p, self)
                                .ifPresent(proc -> processes.put(
                                        Long.parseLong(p.getFileName().toString()), proc)));
            }
            return Optional.of(new ProcSnapshot(cores, all[0], all[1], processes));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The aggregate line: user nice system idle iowait irq softirq steal (guest time is inside user already).
     * Returns {total, busy}, busy being everything but idle and iowait.
     */
    static long[] ticks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, total - Long.parseLong(f[4]) - Long.parseLong(f[5])};
    }

    /**
     * Which part of the pipeline a process is: by its pid (this load generator), its command name (Postgres
     * backends keep "postgres" as theirs) or its command line (the services' jars, the broker's main class).
     */
    static String group(long pid, long self, String comm, String cmdline) {
        if (pid == self) {
            return LOAD_GENERATOR;
        }
        if (comm.equals("postgres")) {
            return POSTGRES;
        }
        if (comm.startsWith("redis")) {
            return REDIS;
        }
        if (cmdline.contains("kafka.Kafka")) {
            return BROKER;
        }
        if (cmdline.contains("projector")) {
            return PROJECTORS;
        }
        return cmdline.contains("command-service") ? COMMAND_SERVICE : OTHER;
    }

    /** User + system ticks of a {@code /proc/PID/stat} line, whose command name may hold spaces and parentheses. */
    static long processTicks(String statLine) {
        String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[UTIME]) + Long.parseLong(f[STIME]);
    }

    private static Optional<ProcessTicks> process(Path dir, long self) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String cmdline =
                    new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
            long pid = Long.parseLong(dir.getFileName().toString());
            return Optional.of(new ProcessTicks(group(pid, self, comm, cmdline), processTicks(stat)));
        } catch (IOException | RuntimeException e) {
            // the process ended while we looked: its time shows as "other" in the machine's total
            return Optional.empty();
        }
    }
}
