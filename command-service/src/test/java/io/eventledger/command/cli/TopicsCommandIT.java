package io.eventledger.command.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.topic.Topics;
import io.eventledger.platform.config.Connections;
import io.eventledger.platform.config.TopicSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ledger topics} and {@code ledger serve} against the broker, each case under a topic prefix of its own:
 * topics are created as the LEDGER_TOPIC_* settings say, and a topic with another partition count stops both.
 * The replication settings are the run's (1 on the development broker), so the same test holds on a cluster.
 */
class TopicsCommandIT {

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestLedger.servers().connections().kafkaBootstrap()));
    }

    @AfterAll
    static void deleteTheTopics() throws Exception {
        String prefix = TestLedger.servers().connections().topics().prefix() + "topics-it-";
        Set<String> ours = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(prefix))
                .collect(Collectors.toSet());
        admin.deleteTopics(ours).all().get(30, TimeUnit.SECONDS);
        admin.close();
    }

    @Test
    void createsTheTopicsWithTheConfiguredPartitionsAndMinInsyncReplicas() throws Exception {
        Map<String, String> env =
                env("created", Map.of("LEDGER_TOPIC_PARTITIONS", "3", "LEDGER_DEAD_LETTER_PARTITIONS", "2"));
        Topics topics = Connections.fromEnv(env).topics();
        TopicSettings settings = Connections.fromEnv(env).topicSettings();

        Result first = run(env, "topics");

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("created " + topics.accountEvents(), "created " + topics.deadLetters());
        Map<String, TopicDescription> described = describedOnceVisible(names(topics));
        assertThat(described.get(topics.accountEvents()).partitions()).hasSize(3);
        assertThat(described.get(topics.transferEvents()).partitions()).hasSize(3);
        assertThat(described.get(topics.balances()).partitions()).hasSize(3);
        assertThat(described.get(topics.dailySummaries()).partitions()).hasSize(3);
        assertThat(described.get(topics.deadLetters()).partitions()).hasSize(2);
        assertThat(described.values())
                .flatMap(TopicDescription::partitions)
                .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(settings.replicationFactor()));
        for (String topic : names(topics)) {
            ConfigEntry minIsr = config(topic).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            assertThat(minIsr.value()).as(topic).isEqualTo(Integer.toString(settings.minInsyncReplicas()));
            // set on the topic itself, not the broker's default showing through
            assertThat(minIsr.source()).as(topic).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
        assertThat(config(topics.balances())
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                        .value())
                .isEqualTo("compact");

        Result second = run(env, "topics");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("all topics exist");
    }

    @Test
    void aTopicWithAnotherPartitionCountStopsTopicsAndServeNamingIt() throws Exception {
        Map<String, String> env = env("mismatch", Map.of());
        Topics topics = Connections.fromEnv(env).topics();
        TopicSettings settings = Connections.fromEnv(env).topicSettings();
        admin.createTopics(List.of(new NewTopic(topics.balances(), 3, settings.replicationFactor())))
                .all()
                .get(30, TimeUnit.SECONDS);
        describedOnceVisible(List.of(topics.balances()));
        String expected = "topic " + topics.balances() + " has 3 partitions, LEDGER_TOPIC_PARTITIONS is 6";

        Result topicsRun = run(env, "topics");
        // serve runs until stopped once it starts: bounded, so that a check that lets it start fails the test
        Result serveRun = CompletableFuture.supplyAsync(() -> run(env, "serve")).get(2, TimeUnit.MINUTES);

        assertThat(topicsRun.code()).isEqualTo(1);
        assertThat(topicsRun.err()).startsWith("ledger topics: " + expected).contains("never add partitions");
        assertThat(topicsRun.err().lines()).hasSize(1);
        assertThat(serveRun.code()).isEqualTo(1);
        assertThat(serveRun.err()).startsWith("ledger serve: " + expected);
        assertThat(serveRun.err().lines()).hasSize(1);
        // it stopped before creating anything
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topics.accountEvents());
    }

    /** The run's variables under a prefix of the case's own, plus {@code overrides}. */
    private static Map<String, String> env(String name, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(overrides);
        env.put(
                "LEDGER_TOPIC_PREFIX",
                TestLedger.servers().connections().topics().prefix() + "topics-it-" + name + ".");
        env.put("LEDGER_HTTP_PORT", "0");
        env.put("LEDGER_RELAY_ENABLED", "false");
        return TestLedger.servers().env(env);
    }

    private static List<String> names(Topics topics) {
        return topics.specs(1, 1).stream().map(Topics.TopicSpec::name).toList();
    }

    /** The topics' descriptions, once the broker answers for all of them (creation reaches it a moment later). */
    private static Map<String, TopicDescription> describedOnceVisible(List<String> names) {
        return await().atMost(Duration.ofSeconds(30))
                .ignoreException(ExecutionException.class)
                .until(() -> admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS), Objects::nonNull);
    }

    private static Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(resource);
    }

    private record Result(int code, String out, String err) {}

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LedgerCli.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
