package io.eventledger.command.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain KafkaConsumer that reads a whole topic, from the beginning to its end offsets now, as a downstream team would. */
final class TopicDump {

    /** One record: key, envelope JSON and headers as strings. */
    record Published(String key, JsonNode envelope, Map<String, String> headers) {

        UUID aggregateId() {
            return UUID.fromString(envelope.get("aggregateId").asText());
        }

        int version() {
            return envelope.get("version").asInt();
        }

        UUID eventId() {
            return UUID.fromString(envelope.get("eventId").asText());
        }
    }

    /** What a reader applying the dedupe rule keeps: the versions applied per aggregate, and the repeats skipped. */
    record Deduped(Map<UUID, List<Integer>> applied, int repeats) {}

    private TopicDump() {}

    /** The dedupe rule of docs/topics.md: per key, skip a record whose version is not above the last applied. */
    static Deduped dedupe(List<Published> records) {
        Map<UUID, List<Integer>> applied = new HashMap<>();
        int repeats = 0;
        for (Published record : records) {
            List<Integer> versions = applied.computeIfAbsent(record.aggregateId(), id -> new ArrayList<>());
            if (versions.isEmpty() || record.version() > versions.getLast()) {
                versions.add(record.version());
            } else {
                repeats++;
            }
        }
        return new Deduped(applied, repeats);
    }

    /** The records of these aggregates, in the order of their partitions (one aggregate lives in one). */
    static List<Published> read(String bootstrap, String topic, Set<UUID> aggregates) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Set<String> keys = aggregates.stream().map(UUID::toString).collect(Collectors.toSet());
            List<Published> read = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(r.key())) {
                        read.add(published(r));
                    }
                }
            }
            return read;
        }
    }

    private static Published published(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        try {
            return new Published(r.key(), Json.mapper().readTree(r.value()), headers);
        } catch (IOException e) {
            throw new UncheckedIOException("a record of " + r.key() + " is not JSON", e);
        }
    }
}
