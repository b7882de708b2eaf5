package io.eventledger.loadtest.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the machine's CPU went during the measured window, per answered command: the whole machine's busy
 * time and each group of processes' share ({@link ProcSnapshot#GROUPS}), in CPU milliseconds per command
 * answered in the window (warmup stragglers included: the service did that work then). On a machine shared
 * by the whole pipeline this is what bounds the rate: {@code cores × 1000 / machine} commands/s at most.
 *
 * @param busyCores how many cores were busy on average over the window
 * @param msPerCommand "machine" (the whole machine) first, then each group; "other" is the machine's busy time no
 *                     live process accounts for (the kernel's threads, processes that came and went)
 */
record CpuUsage(double windowS, int cores, long answered, double busyCores, Map<String, Double> msPerCommand) {

    static final String MACHINE = "machine";

    /** Null when nothing was answered or the snapshots cover no time. */
    static CpuUsage between(ProcSnapshot start, ProcSnapshot end, double windowS, long answered) {
        long ticks = end.totalTicks() - start.totalTicks();
        if (answered <= 0 || ticks <= 0 || windowS <= 0) {
            return null;
        }
        // ticks are converted through the machine's own total (cores × window), so the tick rate need not be known
        double cpuMsPerTick = end.cores() * windowS * 1000 / ticks;
        Map<String, Long> byGroup = new LinkedHashMap<>();
        ProcSnapshot.GROUPS.forEach(g -> byGroup.put(g, 0L));
        end.processes().forEach((pid, now) -> {
            ProcSnapshot.ProcessTicks before = start.processes().get(pid);
            long used = before == null ? now.ticks() : now.ticks() - before.ticks();
            byGroup.merge(now.group(), Math.max(0, used), Long::sum);
        });
        long busy = end.busyTicks() - start.busyTicks();
        // "other" is what the named groups leave of the machine's busy time, whether a live process or not
        byGroup.put(ProcSnapshot.OTHER, 0L);
        long named = byGroup.values().stream().mapToLong(Long::longValue).sum();
        byGroup.put(ProcSnapshot.OTHER, Math.max(0, busy - named));
        Map<String, Double> perCommand = new LinkedHashMap<>();
        perCommand.put(MACHINE, round(busy * cpuMsPerTick / answered));
        byGroup.forEach((g, t) -> perCommand.put(g, round(t * cpuMsPerTick / answered)));
        return new CpuUsage(windowS, end.cores(), answered, round((double) busy / ticks * end.cores()), perCommand);
    }

    /** The most commands per second this machine could answer at this CPU per command, every core busy. */
    double ceilingPerS() {
        return cores * 1000 / msPerCommand.get(MACHINE);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
