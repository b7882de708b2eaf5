package io.eventledger.projector.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The Kafka side of {@code projector replay}, done as Kafka's own reset tool
 * ({@code kafka-streams-application-reset}, {@code org.apache.kafka.tools.StreamsResetter}) does it, through
 * the {@link Admin} client:
 * <ul>
 *   <li>refuse while a consumer group has members ({@link Admin#describeConsumerGroups}; a group that does
 *       not exist is not active), as the tool does without {@code --force};</li>
 *   <li>set the application's input offsets to the earliest ({@link Admin#listOffsets} and
 *       {@link Admin#alterConsumerGroupOffsets}: the same commit the tool makes from a consumer of the
 *       group after {@code seekToBeginning}, without joining the group);</li>
 *   <li>delete the application's internal topics, found as the tool finds them
 *       ({@link #isInternalTopic}: named {@code <application.id>-…} with an internal-topic suffix), with
 *       {@link Admin#deleteTopics}, so that Streams rebuilds the stores from the events instead of restoring
 *       the old ones from their changelogs.</li>
 * </ul>
 * The tool itself is not called: its class says it is not public API (only its script is), it would bring
 * kafka-tools and the broker's server-common into the projector, and it reports by printing.
 *
 * <p>What the tool cannot do stays ours:
 * <ul>
 *   <li>the mirrors' consumer groups: the tool resets only the Streams application's group; the replay
 *       also checks and rewinds each mirror's group ({@link #activeGroups}, {@link #rewind}), so the mirrors
 *       write every read model into Postgres and Redis again (the replay runs them with
 *       {@code Overwrite.NEWER_OR_SAME}, which also repairs a wrong copy at the current version);</li>
 *   <li>waiting until the deleted topics are really gone, so that the rebuild's Streams, which recreates
 *       the changelogs at once, does not find them still being deleted;</li>
 *   <li>progress: the offsets a group has committed and the ends of topics as a {@code read_committed}
 *       consumer sees them ({@link #committed}, {@link #ends}), for {@link CatchUp}.</li>
 * </ul>
 * Local state is wiped, as the tool asks its users to, with {@code KafkaStreams#cleanUp()} (by
 * {@code ProjectorMain.wipeLocalState}, for every state directory the replay is given).
 *
 * <p>All calls block; failures surface as {@link IllegalStateException} with the reason.
 */
public final class ReplayReset {

    private static final Duration TOPIC_DELETION_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> INTERNAL_SUFFIXES =
            List.of("-changelog", "-repartition", "-subscription-registration-topic", "-subscription-response-topic");
    private static final Pattern FOREIGN_KEY_JOIN_TOPIC =
            Pattern.compile(".+-KTABLE-FK-JOIN-SUBSCRIPTION-(REGISTRATION|RESPONSE)-\\d+-topic");

    private final Admin admin;

    public ReplayReset(Admin admin) {
        this.admin = admin;
    }

    /** The groups that still have members, with how many: a replay must wait until this is empty. */
    public Map<String, Integer> activeGroups(Collection<String> groupIds) {
        var described = admin.describeConsumerGroups(groupIds).describedGroups();
        Map<String, Integer> active = new HashMap<>();
        for (String groupId : groupIds) {
            try {
                int members = described.get(groupId).get().members().size();
                if (members > 0) {
                    active.put(groupId, members);
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw failed("describe group " + groupId, e);
                }
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
        return active;
    }

    /** Sets the group's offsets on every partition of {@code topics} to the earliest; returns those offsets. */
    public Map<TopicPartition, Long> rewind(String groupId, Collection<String> topics) {
        Map<TopicPartition, Long> earliest = offsets(topics, OffsetSpec.earliest());
        Map<TopicPartition, OffsetAndMetadata> target = earliest.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        call(
                "rewind group " + groupId,
                () -> admin.alterConsumerGroupOffsets(groupId, target).all().get());
        return earliest;
    }

    /**
     * Deletes every internal topic of the Streams application {@code applicationId} (its stores'
     * changelogs, and repartition topics if the topology ever has some) and waits until they are gone;
     * returns the deleted ones.
     */
    public List<String> deleteInternalTopics(String applicationId) {
        List<String> doomed = call(
                        "list topics", () -> admin.listTopics().names().get())
                .stream()
                .filter(topic -> isInternalTopic(applicationId, topic))
                .sorted()
                .toList();
        if (doomed.isEmpty()) {
            return doomed;
        }
        call("delete " + doomed, () -> admin.deleteTopics(doomed).all().get());
        Instant deadline = Instant.now().plus(TOPIC_DELETION_TIMEOUT);
        // Streams recreates the changelogs when it starts: it must not find them still being deleted
        while (call("list topics", () -> admin.listTopics().names().get()).stream()
                .anyMatch(doomed::contains)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "topics " + doomed + " are still there after " + TOPIC_DELETION_TIMEOUT);
            }
            pause();
        }
        return doomed;
    }

    /**
     * Whether {@code topic} is one Kafka Streams created for {@code applicationId}: the reset tool's rule
     * ({@code StreamsResetter.matchesInternalTopicFormat} behind the {@code <application.id>-} prefix). Like
     * the tool, it cannot tell this application's topics from those of another application whose id is
     * this id followed by a dash.
     */
    static boolean isInternalTopic(String applicationId, String topic) {
        return topic.startsWith(applicationId + "-")
                && (INTERNAL_SUFFIXES.stream().anyMatch(topic::endsWith)
                        || FOREIGN_KEY_JOIN_TOPIC.matcher(topic).matches());
    }

    /** The offsets the group has committed, by partition. */
    public Map<TopicPartition, Long> committed(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> offsets = call(
                "read offsets of " + groupId,
                () -> admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get());
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    /** The end of every partition as a read_committed consumer sees it (the last stable offset). */
    public Map<TopicPartition, Long> ends(Collection<String> topics) {
        return offsets(topics, OffsetSpec.latest());
    }

    private Map<TopicPartition, Long> offsets(Collection<String> topics, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        call(
                        "describe " + topics,
                        () -> admin.describeTopics(topics).allTopicNames().get())
                .forEach((name, topic) ->
                        topic.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), spec)));
        var answer = call(
                "list offsets of " + topics,
                () -> admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all()
                        .get());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** An admin call that blocks. */
    private interface Call<T> {
        T run() throws InterruptedException, ExecutionException;
    }

    private static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (ExecutionException e) {
            throw failed(what, e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static IllegalStateException failed(String what, ExecutionException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    }

    private static IllegalStateException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IllegalStateException("interrupted", e);
    }
}
