package io.eventledger.benchmarks.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.command.outbox.OutboxMessage;
import io.eventledger.command.relay.OutboxPublisher;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What {@link RelayThroughputBench} leaves for infra/bench.sh with {@code --out DIR}: {@code relay.json} (drain
 * throughput, record size, lag at the steady rate), and, so that Kafka's own ProducerPerformance is measured
 * on equal terms, {@code relay-producer.properties} (the relay's producer settings, read from
 * {@link OutboxPublisher#producerConfig}) and {@code relay-records.txt} (the drained record: envelope followed
 * by its headers' names and values, one line, so it has the relay record's size and compresses alike).
 */
final class RelayBenchOutput {

    private final Path dir;
    private final ObjectNode json = Json.mapper().createObjectNode();

    /** Without {@code dir} nothing is written. */
    RelayBenchOutput(Path dir) {
        this.dir = dir;
    }

    void steady(int offered, double achieved, long depthMax, double p50, double p99, double p999, double max) {
        ObjectNode lag = json.putObject("lag_ms");
        lag.put("p50", p50).put("p99", p99).put("p999", p999).put("max", max);
        json.put("offered_per_s", offered).put("achieved_per_s", achieved).put("outbox_depth_max", depthMax);
    }

    void drained(int records, double seconds, OutboxMessage sample) throws IOException {
        if (dir == null) {
            return;
        }
        Files.createDirectories(dir);
        json.put("records", records)
                .put("seconds", seconds)
                .put("records_per_s", records / seconds)
                .put("record_bytes", recordBytes(sample));
        Files.writeString(dir.resolve("relay.json"), json.toPrettyString());
        Files.writeString(dir.resolve("relay-records.txt"), sample.payload() + headerText(sample) + "\n");
        Properties producer = new Properties();
        producerSettings().forEach(producer::setProperty);
        try (var out = Files.newBufferedWriter(dir.resolve("relay-producer.properties"))) {
            producer.store(out, "the outbox relay's producer settings (OutboxPublisher.producerConfig)");
        }
    }

    /** What the relay puts on the wire per record: the value plus every header's name and value. */
    static int recordBytes(OutboxMessage message) throws IOException {
        return (message.payload() + headerText(message)).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Every header's name and value, run together: ProducerPerformance sends no headers, only a value. */
    private static String headerText(OutboxMessage message) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonNode> header :
                Json.mapper().readTree(message.headers()).properties()) {
            text.append(header.getKey()).append(header.getValue().asText());
        }
        return text.toString();
    }

    /** Without serializers and client id, which ProducerPerformance sets itself. */
    static Map<String, String> producerSettings() {
        return OutboxPublisher.producerConfig("unused", "unused").entrySet().stream()
                .filter(e -> !e.getKey().endsWith(".serializer")
                        && !e.getKey().equals(ProducerConfig.CLIENT_ID_CONFIG)
                        && !e.getKey().equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()));
    }
}
