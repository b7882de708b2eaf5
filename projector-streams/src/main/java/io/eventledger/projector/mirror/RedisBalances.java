package io.eventledger.projector.mirror;

import io.eventledger.projector.topology.Balance;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Redis hashes {@code ledger:balance:{id}}. The compare-version script makes each write atomic and
 * monotonic: a replayed or late balance never overwrites a newer one, however the mirrors interleave.
 */
public final class RedisBalances implements BalanceSink, AutoCloseable {

    public static final String KEY_PREFIX = "ledger:balance:";
    // ARGV[1] = version, ARGV[2..] = field/value pairs
    private static final String COMPARE_VERSION_SET = """
            local current = redis.call('HGET', KEYS[1], 'version')
            if current and tonumber(current) >= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            return 1
            """;
    private static final long TIMEOUT_SECONDS = 5;

    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private String scriptSha;

    /** Connects lazily, so a Redis that is down at start-up delays only this mirror, not the service. */
    public RedisBalances(RedisClient client) {
        this.client = client;
    }

    @Override
    public void write(List<Balance> balances) throws Exception {
        var commands = connection().async();
        List<RedisFuture<Long>> pending = new ArrayList<>();
        for (Balance balance : balances) {
            pending.add(commands.evalsha(script(), ScriptOutputType.INTEGER,
                    new String[] {KEY_PREFIX + balance.accountId()}, arguments(balance)));
        }
        for (RedisFuture<Long> reply : pending) {
            await(reply);
        }
    }

    @Override
    public String name() {
        return "redis " + KEY_PREFIX + "*";
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private void await(RedisFuture<Long> reply) throws Exception {
        try {
            reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException) {
                scriptSha = null; // Redis restarted and lost its script cache: load it again on the retry
            }
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        if (connection == null) {
            connection = client.connect();
        }
        return connection;
    }

    private String script() throws Exception {
        if (scriptSha == null) {
            scriptSha = connection().async().scriptLoad(COMPARE_VERSION_SET).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        return scriptSha;
    }

    private static String[] arguments(Balance b) {
        String version = Integer.toString(b.version());
        return new String[] {version,
                "accountId", b.accountId().toString(), "ownerId", b.ownerId(), "currency", b.currency(),
                "balance", b.balance().toPlainString(), "status", b.status().name(), "version", version,
                "hash", b.hash() == null ? "" : b.hash(), "updatedAt", b.updatedAt().toString()};
    }
}
