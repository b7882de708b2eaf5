package io.eventledger.projector.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which topics a replay deletes: the internal topics of the application, found as Kafka's reset tool finds them. */
class ReplayResetTest {

    private static final String APP = "t42.projector";

    @Test
    void theApplicationsInternalTopicsAreDeleted() {
        assertThat(List.of(
                        "t42.projector-balances-store-changelog",
                        "t42.projector-daily-summaries-store-changelog",
                        "t42.projector-KSTREAM-REPARTITION-0000000003-repartition",
                        "t42.projector-KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-0000000006-topic",
                        "t42.projector-KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-0000000011-topic",
                        "t42.projector-x-subscription-registration-topic",
                        "t42.projector-x-subscription-response-topic"))
                .allMatch(topic -> ReplayReset.isInternalTopic(APP, topic));
    }

    @Test
    void inputOutputAndOtherApplicationsTopicsAreKept() {
        assertThat(List.of(
                        "t42.account-events",
                        "t42.balances",
                        "t42.daily-summaries",
                        "t42.dead-letters",
                        "t42.projectorbalances-store-changelog",
                        "t43.projector-balances-store-changelog",
                        "t42.projector-balances",
                        "other-t42.projector-balances-store-changelog"))
                .noneMatch(topic -> ReplayReset.isInternalTopic(APP, topic));
    }
}
