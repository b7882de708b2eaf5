package io.eventledger.projector.mirror;

import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.DailySummary;
import io.eventledger.projector.topology.Flow;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Redis shapes of the read models, one hash each: {@code ledger:balance:{id}} and
 * {@code ledger:daily:{id}:{day}}.
 */
public final class RedisReadModels {

    public static final String BALANCE_PREFIX = "ledger:balance:";
    public static final String DAILY_PREFIX = "ledger:daily:";

    private RedisReadModels() {}

    /** A client for the mirrors: while Redis is down a command fails at once, so the mirror backs off. */
    public static RedisClient client(String url) {
        RedisClient client = RedisClient.create(url);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }

    public static RedisHashes<Balance> balances(RedisClient client, Overwrite overwrite) {
        return new RedisHashes<>(client, BALANCE_PREFIX + "*", RedisReadModels::balance, overwrite);
    }

    public static RedisHashes<DailySummary> dailySummaries(RedisClient client, Overwrite overwrite) {
        return new RedisHashes<>(client, DAILY_PREFIX + "*", RedisReadModels::day, overwrite);
    }

    static RedisHashes.Hash balance(Balance b) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("accountId", b.accountId().toString());
        fields.put("ownerId", b.ownerId());
        fields.put("currency", b.currency());
        fields.put("balance", b.balance().toPlainString());
        fields.put("status", b.status().name());
        fields.put("version", Integer.toString(b.version()));
        fields.put("hash", b.hash() == null ? "" : b.hash());
        fields.put("updatedAt", b.updatedAt().toString());
        return new RedisHashes.Hash(BALANCE_PREFIX + b.accountId(), b.version(), fields);
    }

    static RedisHashes.Hash day(DailySummary d) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("accountId", d.accountId().toString());
        fields.put("day", d.day().toString());
        fields.put("currency", d.currency());
        flow(fields, "deposits", d.deposits());
        flow(fields, "withdrawals", d.withdrawals());
        flow(fields, "fees", d.fees());
        flow(fields, "refunds", d.refunds());
        flow(fields, "transfersIn", d.transfersIn());
        flow(fields, "transfersOut", d.transfersOut());
        fields.put("closingBalance", d.closingBalance().toPlainString());
        fields.put("eventCount", Integer.toString(d.eventCount()));
        fields.put("version", Integer.toString(d.version()));
        return new RedisHashes.Hash(DAILY_PREFIX + d.key(), d.version(), fields);
    }

    private static void flow(Map<String, String> fields, String name, Flow flow) {
        fields.put(name + "Count", Integer.toString(flow.count()));
        fields.put(name + "Total", flow.total().toPlainString());
    }
}
