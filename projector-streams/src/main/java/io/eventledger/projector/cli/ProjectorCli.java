package io.eventledger.projector.cli;

import io.eventledger.projector.Projector;
import io.eventledger.projector.ProjectorConfig;
import io.eventledger.projector.ProjectorMain;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code projector serve}; configuration comes from the LEDGER_* environment (DESIGN §7), not from flags. */
@Command(name = "projector", mixinStandardHelpOptions = true,
        description = "eventledger projector-streams: balances read model, interactive queries, mirrors.",
        subcommands = {ProjectorCli.Serve.class, CommandLine.HelpCommand.class})
public final class ProjectorCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProjectorCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs one instance until the process is told to stop. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the topology, the HTTP queries on LEDGER_HTTP_PORT (default 8081) and the mirrors until killed.")
    static final class Serve implements Callable<Integer> {

        @Override
        public Integer call() throws InterruptedException {
            Projector projector = ProjectorMain.start(ProjectorConfig.fromEnv(System.getenv()));
            CountDownLatch closed = new CountDownLatch(1);
            // SIGTERM runs the hook: close cleanly so the state directory is checkpointed and the group left
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                projector.close();
                closed.countDown();
            }, "projector-shutdown"));
            closed.await();
            return 0;
        }
    }
}
