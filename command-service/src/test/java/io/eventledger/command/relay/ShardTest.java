package io.eventledger.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardTest {

    @Test
    void everyShardOfACountHasItsOwnLockThatNamesTheCount() {
        assertThat(Shard.all(3)).extracting(Shard::lockId).containsExactly(3 << 16, 3 << 16 | 1, 3 << 16 | 2);
        assertThat(new Shard(0, 1).lockId()).isNotEqualTo(new Shard(0, 2).lockId());
        assertThat(new Shard(Shard.MAX_COUNT - 1, Shard.MAX_COUNT).lockId() >> 16)
                .isEqualTo(Shard.MAX_COUNT);
    }

    @Test
    void aCountOrIndexOutOfRangeNamesTheSetting() {
        assertThatThrownBy(() -> Shard.all(0)).hasMessageContaining("LEDGER_RELAY_SHARDS");
        assertThatThrownBy(() -> new Shard(0, Shard.MAX_COUNT + 1)).hasMessageContaining("LEDGER_RELAY_SHARDS");
        assertThatThrownBy(() -> new Shard(2, 2)).hasMessageContaining("shard 2");
    }
}
