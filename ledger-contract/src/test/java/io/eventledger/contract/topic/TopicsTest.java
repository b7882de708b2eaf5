package io.eventledger.contract.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void defaultPrefixGivesTheContractNames() {
        Topics topics = new Topics(Topics.DEFAULT_PREFIX);

        assertThat(topics.specs(6, 1))
                .extracting(Topics.TopicSpec::name)
                .containsExactly(
                        "ledger.account-events",
                        "ledger.transfer-events",
                        "ledger.balances",
                        "ledger.daily-summaries",
                        "ledger.dead-letters");
        assertThat(topics.eventsOf("account")).isEqualTo("ledger.account-events");
    }

    @Test
    void settingsFollowTheContract() {
        Topics topics = new Topics("t.");

        var specs = topics.specs(3, 2);

        assertThat(specs).allSatisfy(spec -> assertThat(spec.name()).startsWith("t."));
        assertThat(specs.get(0).configs()).containsEntry("retention.ms", "-1");
        assertThat(specs.get(2).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(specs).extracting(Topics.TopicSpec::partitions).containsExactly(3, 3, 3, 3, 2);
    }
}
