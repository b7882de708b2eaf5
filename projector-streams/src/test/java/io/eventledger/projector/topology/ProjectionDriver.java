package io.eventledger.projector.topology;

import io.eventledger.contract.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The projection topology in a {@link TopologyTestDriver} with in-memory stores (the topology the
 * projector runs; only the store suppliers differ, RocksDB there), its topics and stores at hand, and a
 * listener that records what it was told.
 */
final class ProjectionDriver implements AutoCloseable {

    static final Topics TOPICS = new Topics("test.");

    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> events;
    final TestOutputTopic<String, byte[]> balances;
    final TestOutputTopic<String, byte[]> dailySummaries;
    final TestOutputTopic<String, byte[]> deadLetters;
    final KeyValueStore<String, Balance> balanceStore;
    final KeyValueStore<String, DailySummary> dailyStore;
    final List<String> told = new ArrayList<>();
    /** "accountId vN" for each applied event, in order. */
    final List<String> appliedVersions = new ArrayList<>();

    ProjectionDriver(ZoneId summaryZone) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "projection-topology-test");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(
                ProjectionTopology.build(
                        TOPICS,
                        summaryZone,
                        Stores.inMemoryKeyValueStore(StoreNames.BALANCES_STORE),
                        Stores.inMemoryKeyValueStore(StoreNames.DAILY_SUMMARIES_STORE),
                        recorder()),
                props);
        events = driver.createInputTopic(TOPICS.accountEvents(), new StringSerializer(), new ByteArraySerializer());
        balances = output(TOPICS.balances());
        dailySummaries = output(TOPICS.dailySummaries());
        deadLetters = output(TOPICS.deadLetters());
        balanceStore = driver.getKeyValueStore(StoreNames.BALANCES_STORE);
        dailyStore = driver.getKeyValueStore(StoreNames.DAILY_SUMMARIES_STORE);
    }

    @Override
    public void close() {
        driver.close();
    }

    static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private ProjectionListener recorder() {
        return new ProjectionListener() {
            @Override
            public void applied(String accountId, int version) {
                told.add("applied");
                appliedVersions.add(accountId + " v" + version);
            }

            @Override
            public void duplicate() {
                told.add("duplicate");
            }

            @Override
            public void parked(DeadLetters.Kind kind) {
                told.add("parked " + kind.tag());
            }
        };
    }
}
