package io.eventledger.projector.reconcile;

import io.eventledger.projector.mirror.RedisReadModels;
import io.lettuce.core.KeyValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The Redis mirror, hashes {@code ledger:balance:{id}}. */
public final class RedisProbe implements ReadModelProbe {

    private final RedisCommands<String, String> redis;

    public RedisProbe(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    @Override
    public String place() {
        return "redis " + RedisReadModels.BALANCE_PREFIX + "{id}";
    }

    @Override
    public Optional<Observed> read(UUID account) {
        List<KeyValue<String, String>> fields =
                redis.hmget(RedisReadModels.BALANCE_PREFIX + account, "balance", "version");
        if (fields.stream().anyMatch(KeyValue::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new Observed(
                fields.get(0).getValue(), Integer.parseInt(fields.get(1).getValue())));
    }
}
