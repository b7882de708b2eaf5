package io.eventledger.platform.kafka;

import io.eventledger.contract.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics of {@link Topics} that do not exist yet; running it twice is harmless. */
public final class TopicSetup {

    private final String bootstrap;

    public TopicSetup(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Returns the names it created. */
    public List<String> ensure(Topics topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.specs().stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()))
                    .toList();
            create(admin, missing);
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + ": " + e.getMessage(), e);
        }
    }

    private static void create(Admin admin, List<NewTopic> missing) throws InterruptedException, TimeoutException {
        for (var result : admin.createTopics(missing).values().values()) {
            try {
                result.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // another process created it between our list and create: that is the state we wanted
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create topic: " + e.getCause().getMessage(), e);
                }
            }
        }
    }
}
