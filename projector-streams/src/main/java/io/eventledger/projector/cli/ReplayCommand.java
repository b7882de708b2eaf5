package io.eventledger.projector.cli;

import io.eventledger.contract.topic.Topics;
import io.eventledger.projector.Projector;
import io.eventledger.projector.ProjectorConfig;
import io.eventledger.projector.ProjectorMain;
import io.eventledger.projector.mirror.MirrorKind;
import io.eventledger.projector.mirror.Overwrite;
import io.eventledger.projector.replay.CatchUp;
import io.eventledger.projector.replay.ReplayReset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code projector replay}: rebuilds every read model from the event topic, prepared as Kafka's
 * {@code kafka-streams-application-reset} would prepare it plus what that tool leaves to its user (see
 * {@link ReplayReset} for which is which). The changelogs are deleted rather than
 * restored from: restoring would bring the old stores back, every event would then be a duplicate, and
 * nothing would be rebuilt. Mirrors rebuild with {@link Overwrite#NEWER_OR_SAME}, so a wrong copy at the
 * current version is repaired too.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuild the stores and the mirrors from the events. Every projector instance must be stopped first.",
            "Rewinds the application's and the mirrors' consumer groups to the earliest offsets, deletes the stores'",
            "changelog topics, wipes the local state, then (unless --no-run) runs the projector until it has caught up."
        })
final class ReplayCommand implements Callable<Integer> {

    // nobody reads the mirrors for freshness during a rebuild: fewer, larger transactions go faster
    private static final Duration REBUILD_COMMIT_INTERVAL = Duration.ofSeconds(1);

    @CommandLine.ParentCommand
    private ProjectorCli parent;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--run",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Run the projector after the reset until it has caught up, then exit (default: true).")
    private boolean run;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = {
                "A state directory to wipe; repeat it for every "
                        + "instance's directory. The rebuild runs in the first. Default: LEDGER_STATE_DIR or its default."
            })
    private List<Path> stateDirs = new ArrayList<>();

    @Override
    public Integer call() {
        ProjectorConfig config = parent.config();
        PrintWriter out = spec.commandLine().getOut();
        List<Path> dirs = stateDirs.isEmpty() ? List.of(config.stateDir()) : stateDirs;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.connections().kafkaBootstrap()))) {
            ReplayReset reset = new ReplayReset(admin);
            if (anyRunning(reset, config)) {
                return 1;
            }
            Map<TopicPartition, Long> start = prepare(reset, config, dirs, out);
            if (!run) {
                out.println("reset done; the instances rebuild the read models when they start");
                return 0;
            }
            rebuild(
                    reset,
                    start,
                    config.withHttpPort(0).withStateDir(dirs.get(0)).withCommitIntervalAtLeast(REBUILD_COMMIT_INTERVAL),
                    out);
            return 0;
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("replay failed: " + e.getMessage());
            return 1;
        }
    }

    private boolean anyRunning(ReplayReset reset, ProjectorConfig config) {
        Map<String, Integer> active = reset.activeGroups(groups(config));
        if (!active.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println("replay refused: stop every projector instance first; these "
                            + "consumer groups still have members: " + active);
        }
        return !active.isEmpty();
    }

    /** Resets groups, changelogs and local state; returns where the events start, by partition. */
    private static Map<TopicPartition, Long> prepare(
            ReplayReset reset, ProjectorConfig config, List<Path> dirs, PrintWriter out) {
        Topics topics = config.connections().topics();
        List<String> internal = reset.deleteInternalTopics(config.applicationId());
        List<String> others =
                internal.stream().filter(topic -> !topic.endsWith("-changelog")).toList();
        out.println("deleted changelog topics "
                + internal.stream().filter(topic -> !others.contains(topic)).toList());
        if (!others.isEmpty()) {
            out.println("deleted other internal topics " + others);
        }
        Map<TopicPartition, Long> start = reset.rewind(config.applicationId(), List.of(topics.accountEvents()));
        out.println("rewound " + config.applicationId() + " to the earliest offsets of " + topics.accountEvents());
        if (config.mirrorsEnabled()) {
            for (MirrorKind mirror : MirrorKind.values()) {
                reset.rewind(mirror.groupId(config.applicationId()), List.of(mirror.topic(topics)));
            }
            out.println("rewound the mirrors' consumer groups to the earliest offsets");
        }
        for (Path dir : dirs) {
            ProjectorMain.wipeLocalState(config.withStateDir(dir));
            out.println("wiped local state in " + dir);
        }
        return start;
    }

    private static void rebuild(
            ReplayReset reset, Map<TopicPartition, Long> start, ProjectorConfig config, PrintWriter out) {
        CatchUp catchUp = new CatchUp(out, System.console() != null);
        List<String> input = List.of(config.connections().topics().accountEvents());
        try (Projector projector = ProjectorMain.start(config, Overwrite.NEWER_OR_SAME)) {
            Duration took = catchUp.await(
                    "events ",
                    start,
                    () -> reset.ends(input),
                    () -> reset.committed(config.applicationId()),
                    () -> alive(projector));
            long events = reset.ends(input).entrySet().stream()
                    .mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), 0L))
                    .sum();
            if (!projector.mirrors().isEmpty()) {
                took = MirrorCatchUp.await(catchUp, reset, projector);
            }
            out.printf(
                    "replay done: %d events in %.1f s; stores%s rebuilt%n",
                    events, took.toMillis() / 1000.0, projector.mirrors().isEmpty() ? "" : " and mirrors");
        }
    }

    private static boolean alive(Projector projector) {
        return switch (projector.streams().state()) {
            case ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> false;
            default -> true;
        };
    }

    private static List<String> groups(ProjectorConfig config) {
        List<String> groups = new ArrayList<>(List.of(config.applicationId()));
        if (config.mirrorsEnabled()) {
            for (MirrorKind mirror : MirrorKind.values()) {
                groups.add(mirror.groupId(config.applicationId()));
            }
        }
        return groups;
    }
}
