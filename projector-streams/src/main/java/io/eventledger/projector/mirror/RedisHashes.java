package io.eventledger.projector.mirror;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A read model as Redis hashes, one per key. The compare-version script makes each write atomic and
 * monotonic: a replayed or late value never overwrites a newer one, however the mirrors interleave.
 */
public final class RedisHashes<T> implements MirrorSink<T>, AutoCloseable {

    /** What to write for one value: the hash's key, its version and all its fields (the version among them). */
    public record Hash(String key, int version, Map<String, String> fields) {}

    // ARGV[1] = version, ARGV[2] = '1' if the same version may be rewritten, ARGV[3..] = field/value pairs
    private static final String COMPARE_VERSION_SET = """
            local current = redis.call('HGET', KEYS[1], 'version')
            if current then
              local stored, incoming = tonumber(current), tonumber(ARGV[1])
              if stored > incoming or (stored == incoming and ARGV[2] ~= '1') then
                return 0
              end
            end
            redis.call('HSET', KEYS[1], unpack(ARGV, 3))
            return 1
            """;
    private static final long TIMEOUT_SECONDS = 5;

    private final RedisClient client;
    private final String name;
    private final Function<T, Hash> toHash;
    private final String sameVersion;
    private StatefulRedisConnection<String, String> connection;
    private String scriptSha;

    /** Connects lazily, so a Redis that is down at start-up delays only this mirror, not the service. */
    public RedisHashes(RedisClient client, String name, Function<T, Hash> toHash, Overwrite overwrite) {
        this.client = client;
        this.name = name;
        this.toHash = toHash;
        this.sameVersion = overwrite == Overwrite.NEWER_OR_SAME ? "1" : "0";
    }

    @Override
    public void write(List<T> values) throws Exception {
        try {
            send(values);
        } catch (Exception e) {
            // start afresh on the next attempt, at the mirror's backoff pace rather than the client's own
            // reconnect schedule, which after a long outage waits up to 30 s between tries
            close();
            connection = null;
            throw e;
        }
    }

    private void send(List<T> values) throws Exception {
        var commands = connection().async();
        String sha = script();
        List<RedisFuture<Long>> pending = new ArrayList<>();
        for (T value : values) {
            Hash hash = toHash.apply(value);
            pending.add(commands.evalsha(sha, ScriptOutputType.INTEGER, new String[] {hash.key()}, arguments(hash)));
        }
        for (RedisFuture<Long> reply : pending) {
            await(reply);
        }
    }

    @Override
    public String name() {
        return "redis " + name;
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

    private String[] arguments(Hash hash) {
        List<String> arguments = new ArrayList<>(2 + 2 * hash.fields().size());
        arguments.add(Integer.toString(hash.version()));
        arguments.add(sameVersion);
        hash.fields().forEach((field, value) -> {
            arguments.add(field);
            arguments.add(value);
        });
        return arguments.toArray(String[]::new);
    }
}
