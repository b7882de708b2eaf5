package io.eventledger.projector.cli;

import io.eventledger.projector.Projector;
import io.eventledger.projector.ProjectorConfig;
import io.eventledger.projector.ProjectorMain;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code projector serve | replay | reconcile}; configuration comes from the LEDGER_* environment
 * (read by {@link io.eventledger.projector.ProjectorConfig#fromEnv}), not from flags. The environment is
 * handed in, so tests run the commands in-process.
 */
@Command(
        name = "projector",
        mixinStandardHelpOptions = true,
        description = "eventledger projector-streams: read models, interactive queries, mirrors, replay, reconcile.",
        subcommands = {
            ProjectorCli.Serve.class,
            ReplayCommand.class,
            ReconcileCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ProjectorCli implements Runnable {

    private final Map<String, String> env;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public ProjectorCli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProjectorCli(System.getenv())).execute(args));
    }

    Map<String, String> env() {
        return env;
    }

    ProjectorConfig config() {
        return ProjectorConfig.fromEnv(env);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs one instance until the process is told to stop. */
    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description =
                    "Run the topology, the HTTP queries on LEDGER_HTTP_PORT (default 8081) and the mirrors until killed.")
    static final class Serve implements Callable<Integer> {

        @CommandLine.ParentCommand
        private ProjectorCli parent;

        @Override
        public Integer call() throws InterruptedException {
            Projector projector = ProjectorMain.start(parent.config());
            CountDownLatch closed = new CountDownLatch(1);
            // SIGTERM runs the hook: close cleanly so the state directory is checkpointed and the group left
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                projector.close();
                                closed.countDown();
                            },
                            "projector-shutdown"));
            closed.await();
            return 0;
        }
    }
}
