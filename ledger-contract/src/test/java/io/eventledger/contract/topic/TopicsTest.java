package io.eventledger.contract.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void defaultPrefixGivesTheContractNames() {
        Topics topics = new Topics(Topics.DEFAULT_PREFIX);

        assertThat(topics.specs())
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

        assertThat(topics.specs()).allSatisfy(spec -> assertThat(spec.name()).startsWith("t."));
        assertThat(topics.specs().get(0).configs()).containsEntry("retention.ms", "-1");
        assertThat(topics.specs().get(2).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.specs().get(4).partitions()).isEqualTo(1);
    }
}
