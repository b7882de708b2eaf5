package io.eventledger.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One run directory of infra/bench.sh: {@code NAME.json} per part that finished, {@code NAME.reason} per
 * part that did not (written by the script: timed out, failed, not built yet), {@code run.json} with the
 * machine and the command, and the load generator's {@code .hgrm} and {@code -timeline.csv} files.
 */
record BenchRun(Path dir) {

    Optional<JsonNode> json(String name) {
        Path file = dir.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Why NAME.json is missing or unreadable, in the script's words when it left some. */
    String missing(String name) {
        Path reason = dir.resolve(name + ".reason");
        try {
            if (Files.isRegularFile(reason)) {
                return Files.readString(reason).strip().replace('\n', ' ').replace("|", "\\|");
            }
        } catch (IOException e) {
            return "no " + name + ".json (" + e.getMessage() + ")";
        }
        return Files.isRegularFile(dir.resolve(name + ".json"))
                ? name + ".json is not valid JSON"
                : "no " + name + ".json in the run";
    }

    /** Files of the run whose names end with the suffix, sorted by name. */
    List<Path> files(String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
