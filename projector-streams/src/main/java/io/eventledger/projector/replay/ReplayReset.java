package io.eventledger.projector.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * What Kafka's {@code kafka-streams-application-reset} does, for this application: it refuses while any of
 * its consumer groups has members, rewinds groups to the earliest offsets, and deletes the stores'
 * changelog topics, so that Streams rebuilds the stores from the events instead of restoring the old
 * ones. All calls block; failures surface as {@link IllegalStateException} with the reason.
 */
public final class ReplayReset {

    private static final Duration TOPIC_DELETION_TIMEOUT = Duration.ofSeconds(60);

    private final Admin admin;

    public ReplayReset(Admin admin) {
        this.admin = admin;
    }

    /** The groups that still have members, with how many: a replay must wait until this is empty. */
    public Map<String, Integer> activeGroups(Collection<String> groupIds) {
        Map<String, Integer> active = new HashMap<>();
        for (String groupId : groupIds) {
            try {
                int members = admin.describeConsumerGroups(List.of(groupId)).all().get()
                        .get(groupId).members().size();
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
        call("rewind group " + groupId, () -> admin.alterConsumerGroupOffsets(groupId, target).all().get());
        return earliest;
    }

    /** Deletes the topics that exist among {@code names} and waits until they are gone; returns the deleted ones. */
    public List<String> deleteTopics(Collection<String> names) {
        Set<String> existing = call("list topics", () -> admin.listTopics().names().get());
        List<String> doomed = names.stream().filter(existing::contains).toList();
        if (doomed.isEmpty()) {
            return doomed;
        }
        call("delete " + doomed, () -> admin.deleteTopics(doomed).all().get());
        Instant deadline = Instant.now().plus(TOPIC_DELETION_TIMEOUT);
        // Streams recreates the changelogs when it starts: it must not find them still being deleted
        while (call("list topics", () -> admin.listTopics().names().get()).stream().anyMatch(doomed::contains)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("topics " + doomed + " are still there after " + TOPIC_DELETION_TIMEOUT);
            }
            pause();
        }
        return doomed;
    }

    /** The offsets the group has committed, by partition. */
    public Map<TopicPartition, Long> committed(String groupId) {
        Map<TopicPartition, OffsetAndMetadata> offsets = call("read offsets of " + groupId,
                () -> admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get());
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
        call("describe " + topics, () -> admin.describeTopics(topics).allTopicNames().get()).forEach((name, topic) ->
                topic.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), spec)));
        var answer = call("list offsets of " + topics, () -> admin.listOffsets(request,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get());
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
