package io.eventledger.loadtest.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a load generator's ack log: {@code correlation_id,kind,http_status,account_id,counterparty_account_id},
 * written for every 2xx answer. A command retried under the same key may be acknowledged more than once.
 */
public record AckedCommand(String correlationId, String kind, int status, String accountId, String counterpartyId) {

    private static final String HEADER = "correlation_id";

    public static List<AckedCommand> read(Path log) throws IOException {
        List<AckedCommand> commands = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank() && !line.startsWith(HEADER)) {
                commands.add(parse(line));
            }
        }
        return commands;
    }

    static AckedCommand parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length < 3 || f[0].isBlank()) {
            throw new IllegalArgumentException("not an ack log line: " + line);
        }
        return new AckedCommand(
                f[0].trim(),
                f[1].trim(),
                Integer.parseInt(f[2].trim()),
                f.length > 3 ? f[3].trim() : "",
                f.length > 4 ? f[4].trim() : "");
    }
}
