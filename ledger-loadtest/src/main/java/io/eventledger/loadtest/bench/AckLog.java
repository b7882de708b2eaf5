package io.eventledger.loadtest.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One CSV line per command answered 2xx, flushed at once: whoever kills the service mid-run reads it to
 * check that every acknowledged command is in the event store. No header, so a reader can tail it.
 */
final class AckLog implements AutoCloseable {

    private final BufferedWriter writer;

    AckLog(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    synchronized void acknowledged(PlannedCommand command, int status) {
        try {
            writer.write(command.correlationId() + "," + command.kind().label() + "," + status + ","
                    + command.accountId() + "," + (command.counterparty() == null ? "" : command.counterparty()));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ack log", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
