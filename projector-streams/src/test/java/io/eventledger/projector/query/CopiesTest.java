package io.eventledger.projector.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class CopiesTest {

    private static final HostInfo SELF = new HostInfo("a", 1);
    private static final HostInfo B = new HostInfo("b", 2);
    private static final HostInfo C = new HostInfo("c", 3);

    @Test
    void theActiveIsAskedFirstThenThisInstancesStandbyThenTheOthers() {
        assertThat(Copies.askOrder(new KeyQueryMetadata(C, Set.of(B, SELF), 0), SELF, false))
                .containsExactly(C, SELF, B);
        assertThat(Copies.askOrder(new KeyQueryMetadata(C, Set.of(B), 0), SELF, false))
                .containsExactly(C, B);
    }

    @Test
    void theActiveHereIsAskedFirstAndOnlyOnce() {
        assertThat(Copies.askOrder(new KeyQueryMetadata(SELF, Set.of(B), 0), SELF, false))
                .containsExactly(SELF, B);
    }

    @Test
    void aForwardedQueryIsAnsweredHereWhateverThePlacementSays() {
        assertThat(Copies.askOrder(new KeyQueryMetadata(C, Set.of(B), 0), SELF, true))
                .containsExactly(SELF);
    }

    @Test
    void anUnknownActiveIsSkippedAndWithNoCopyKnownThisInstanceSaysWhy() {
        assertThat(Copies.askOrder(new KeyQueryMetadata(HostInfo.unavailable(), Set.of(B), 0), SELF, false))
                .containsExactly(B);
        assertThat(Copies.askOrder(new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), 0), SELF, false))
                .containsExactly(SELF);
    }
}
