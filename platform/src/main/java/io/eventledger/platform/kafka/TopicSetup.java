package io.eventledger.platform.kafka;

import io.eventledger.contract.topic.Topics;
import io.eventledger.contract.topic.Topics.TopicSpec;
import io.eventledger.platform.config.TopicSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of {@link Topics} that do not exist yet, laid out as {@link TopicSettings} says, and
 * checks those that do; running it twice is harmless.
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 30;
    private static final String WHY_PARTITIONS_STAY = "A topic keeps its partition count: another count sends an"
            + " account's later records to another partition than its earlier ones and breaks per-account order."
            + " Set the variable to the topic's count, or move to a new LEDGER_TOPIC_PREFIX and republish into it"
            + " (ledger topics, then ledger republish --from-position 1); never add partitions to the topic";

    private final String bootstrap;
    private final TopicSettings settings;

    public TopicSetup(String bootstrap, TopicSettings settings) {
        this.bootstrap = bootstrap;
        this.settings = settings;
    }

    /**
     * Checks the topics that exist, then creates the missing ones; returns the names it created. A topic whose
     * partition count differs from the settings stops it before it creates anything, with an {@link
     * IllegalStateException} naming the topic; a different replication factor or {@code min.insync.replicas} is
     * only logged, since both can be changed on a live topic.
     */
    public List<String> ensure(Topics topics) {
        List<TopicSpec> specs = topics.specs(settings.partitions(), settings.deadLetterPartitions());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> names = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<Boolean, List<TopicSpec>> byExistence =
                    specs.stream().collect(Collectors.partitioningBy(spec -> names.contains(spec.name())));
            check(topics, byExistence.get(true), describe(admin, byExistence.get(true)));
            return create(
                    admin, byExistence.get(false).stream().map(this::newTopic).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    private NewTopic newTopic(TopicSpec spec) {
        Map<String, String> configs = new HashMap<>(spec.configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()));
        return new NewTopic(spec.name(), spec.partitions(), settings.replicationFactor()).configs(configs);
    }

    private void check(Topics topics, List<TopicSpec> existing, Map<String, ExistingTopic> found) {
        List<String> mismatches = new ArrayList<>();
        for (TopicSpec spec : existing) {
            ExistingTopic topic = found.get(spec.name());
            String variable = spec.name().equals(topics.deadLetters())
                    ? TopicSettings.DEAD_LETTER_PARTITIONS
                    : TopicSettings.PARTITIONS;
            topic.partitionMismatch(spec, variable).ifPresent(mismatches::add);
            topic.replicationMismatches(settings).forEach(warning -> LOG.warn("{}", warning));
        }
        if (!mismatches.isEmpty()) {
            // one line: the command line prints the first line of a failure's message
            throw new IllegalStateException(String.join("; ", mismatches) + ". " + WHY_PARTITIONS_STAY);
        }
    }

    private static Map<String, ExistingTopic> describe(Admin admin, List<TopicSpec> existing)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (existing.isEmpty()) {
            return Map.of();
        }
        List<String> names = existing.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(
                        names.stream().map(TopicSetup::resource).toList())
                .all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return names.stream()
                .collect(Collectors.toMap(
                        Function.identity(),
                        name -> ExistingTopic.of(descriptions.get(name), configs.get(resource(name)))));
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }

    /** Returns the names it created. */
    private static List<String> create(Admin admin, List<NewTopic> missing)
            throws InterruptedException, TimeoutException {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        List<String> created = new ArrayList<>();
        for (NewTopic topic : missing) {
            try {
                results.get(topic.name()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create topic: " + e.getCause().getMessage(), e);
                }
                // another process created it between our list and create, perhaps with other settings: the
                // next start of any process checks it
                LOG.info("topic {} was created by another process meanwhile", topic.name());
            }
        }
        return created;
    }
}
