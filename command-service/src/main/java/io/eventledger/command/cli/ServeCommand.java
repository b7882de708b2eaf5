package io.eventledger.command.cli;

import io.eventledger.command.CommandService;
import io.eventledger.command.CommandServiceConfig;
import io.eventledger.command.CommandServiceMain;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code ledger serve}: runs command-service until the process is stopped (SIGTERM closes it cleanly). */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Runs command-service: HTTP API and outbox relay.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private LedgerCli ledger;

    @Override
    public Integer call() throws InterruptedException {
        CommandService service = CommandServiceMain.start(CommandServiceConfig.fromEnv(ledger.env()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            service.close();
                            stopped.countDown();
                        },
                        "command-service-shutdown"));
        stopped.await();
        return 0;
    }
}
