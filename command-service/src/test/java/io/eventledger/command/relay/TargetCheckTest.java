package io.eventledger.command.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetCheckTest {

    private static final List<String> TOPICS = List.of("l.account-events", "l.transfer-events");
    private static final Map<String, String> IDS = Map.of("l.account-events", "a1", "l.transfer-events", "t1");
    private static final RecordedTarget RECORDED = new RecordedTarget("cluster-1", IDS, 41);

    @Test
    void theSameClusterAndTopicsNeedNothing() {
        assertThat(TargetCheck.replaced(RECORDED, observed("cluster-1", IDS), TOPICS))
                .isEmpty();
    }

    @Test
    void anotherClusterIdMeansEverythingPublishedIsGone() {
        assertThat(TargetCheck.replaced(RECORDED, observed("cluster-2", IDS), TOPICS))
                .singleElement()
                .asString()
                .contains("cluster id cluster-2", "published to cluster-1");
    }

    @Test
    void aTopicCreatedAgainHasAnotherIdAndAMissingTopicIsNamed() {
        Map<String, String> recreated = Map.of("l.account-events", "a2");
        assertThat(TargetCheck.replaced(RECORDED, observed("cluster-1", recreated), TOPICS))
                .containsExactly(
                        "topic l.transfer-events does not exist",
                        "topic l.account-events was deleted and created again (topic id a2, published to a1)");
    }

    @Test
    void withNothingRecordedOnlyMissingTopicsCount() {
        assertThat(TargetCheck.replaced(null, observed("any", IDS), TOPICS)).isEmpty();
        assertThat(TargetCheck.replaced(null, observed("any", Map.of()), TOPICS))
                .hasSize(2);
    }

    @Test
    void aTopicWithFewerRecordsThanPublishedEventsIsShortByTheDifference() {
        ObservedTarget observed =
                new ObservedTarget("c", IDS, Map.of("l.account-events", 90L, "l.transfer-events", 500L));
        // duplicates only ever add records, so more records than events is fine
        assertThat(TargetCheck.shortOf(Map.of("l.account-events", 100L, "l.transfer-events", 10L), observed))
                .containsExactly(Map.entry("l.account-events", 10L));
    }

    private static ObservedTarget observed(String cluster, Map<String, String> ids) {
        return new ObservedTarget(cluster, ids, Map.of());
    }
}
