package io.eventledger.command.relay;

import static io.eventledger.command.relay.TestRelays.ONLY;
import static org.awaitility.Awaitility.await;

import io.eventledger.command.testing.TestLedger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shards: each relay publishes its own aggregates only, and relays of different shard counts never run together. */
class ShardedRelayIT {

    private final TestRelays relays = new TestRelays();

    @AfterEach
    void closeProducers() {
        relays.close();
    }

    @Test
    void aShardRelayPublishesTheAggregatesOfItsShardOnly() throws Exception {
        List<UUID> ids = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID()).toList();
        List<UUID> ofShardOne = new ArrayList<>();
        for (UUID aggregate : ids) {
            relays.openAndDeposit(aggregate);
            if (shardOf(aggregate, 2) == 1) {
                ofShardOne.add(aggregate);
            }
        }
        List<UUID> ofShardZero =
                ids.stream().filter(a -> !ofShardOne.contains(a)).toList();

        try (OutboxRelay zero = relays.relay(new Shard(0, 2), new SimpleMeterRegistry(), Map.of())
                .start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> TestRelays.pending(ofShardZero) == 0);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> TestRelays.pending(ofShardOne) == 2L * ofShardOne.size());
        }
        try (OutboxRelay one = relays.relay(new Shard(1, 2), new SimpleMeterRegistry(), Map.of())
                .start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> TestRelays.pending(ids) == 0);
        }
    }

    @Test
    void aRelayWithAnotherShardCountWaitsWhileOneIsActive() throws Exception {
        try (OutboxRelay one =
                relays.relay(ONLY, new SimpleMeterRegistry(), Map.of()).start()) {
            await().atMost(Duration.ofSeconds(10)).until(one::isActive);
            try (OutboxRelay ofTwo = relays.relay(new Shard(0, 2), new SimpleMeterRegistry(), Map.of())
                    .start()) {
                await().during(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(3))
                        .until(() -> !ofTwo.isActive());

                one.close();
                await().atMost(Duration.ofSeconds(10)).until(ofTwo::isActive);
            }
        }
    }

    /** The shard as Postgres computes it, independently of the relay's query. */
    private static long shardOf(UUID aggregate, int count) throws Exception {
        return TestLedger.count("SELECT abs(hashtext(?::text)::bigint) % " + count, aggregate.toString());
    }
}
