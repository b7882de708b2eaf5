package io.eventledger.projector.query;

import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.http.ProblemException;
import io.eventledger.projector.topology.StoreNames;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code GET /summary}: totals over all accounts, gathered from every instance. The asked instance splits
 * the partitions by their active owner, sums its own and asks each other owner for exactly its share
 * ({@code ?partitions=}, marked as forwarded so it is never passed on). Every partition is read once, by an
 * instance that holds it actively at that moment; if that cannot be had, the answer is 503, never a sum
 * that silently misses or doubles a partition.
 */
public final class SummaryQueries {

    static final String PARTITIONS = "partitions";

    private final LocalStores stores;
    private final HostInfo self;
    private final PeerForwarder peers;
    private final PartitionTotals totals;

    public SummaryQueries(LocalStores stores, HostInfo self, PeerForwarder peers) {
        this.stores = stores;
        this.self = self;
        this.peers = peers;
        this.totals = new PartitionTotals(stores, self.host() + ":" + self.port());
    }

    public void register(Javalin app) {
        app.get("/summary", this::summary, BalanceQueries.READERS);
    }

    private void summary(Context ctx) {
        if (PeerForwarder.isForwarded(ctx)) {
            stores.requireRunning();
            ctx.json(totals.sum(requestedPartitions(ctx)));
            return;
        }
        // ?waitMs= rides out a rebalance, as for balances
        ctx.json(ReadYourWrites.from(ctx).available(() -> total(ctx)));
    }

    private SummaryView total(Context ctx) {
        stores.requireRunning();
        Map<HostInfo, List<Integer>> plan = plan();
        Map<HostInfo, CompletableFuture<HttpResponse<String>>> asked = new LinkedHashMap<>();
        plan.forEach((host, partitions) -> {
            if (!host.equals(self)) {
                asked.put(host, peers.ask(ctx, host, "/summary?" + PARTITIONS + "=" + join(partitions)));
            }
        });
        SummaryView total = plan.containsKey(self) ? totals.sum(plan.get(self)) : SummaryView.empty();
        for (var answer : asked.entrySet()) {
            total = total.plus(part(answer.getKey(), answer.getValue()));
        }
        return total;
    }

    /** Active partitions by owner; a partition listed twice or a hole in the numbering means a rebalance. */
    private Map<HostInfo, List<Integer>> plan() {
        Map<HostInfo, List<Integer>> plan = new LinkedHashMap<>();
        Set<Integer> seen = new HashSet<>();
        for (StreamsMetadata owner :
                LocalStores.queryable(() -> stores.streams().streamsMetadataForStore(StoreNames.BALANCES_STORE))) {
            owner.topicPartitions().forEach(tp -> {
                if (!seen.add(tp.partition())) {
                    throw rebalancing("partition " + tp.partition() + " has two owners");
                }
                plan.computeIfAbsent(owner.hostInfo(), h -> new ArrayList<>()).add(tp.partition());
            });
        }
        if (seen.isEmpty() || seen.stream().mapToInt(Integer::intValue).max().orElseThrow() + 1 != seen.size()) {
            throw rebalancing("not every partition has an owner");
        }
        return plan;
    }

    private static SummaryView part(HostInfo peer, CompletableFuture<HttpResponse<String>> answer) {
        HttpResponse<String> response = PeerForwarder.await(answer, peer);
        if (response.statusCode() != 200) {
            throw rebalancing("instance " + peer + " answered " + response.statusCode() + " for its share");
        }
        try {
            return Json.mapper().readValue(response.body(), SummaryView.class);
        } catch (IOException e) {
            throw rebalancing("instance " + peer + " sent an unreadable share: " + e.getMessage());
        }
    }

    private static List<Integer> requestedPartitions(Context ctx) {
        String text = ctx.queryParam(PARTITIONS);
        try {
            return text == null || text.isBlank()
                    ? List.of()
                    : Arrays.stream(text.split(","))
                            .map(String::trim)
                            .map(Integer::valueOf)
                            .distinct()
                            .toList();
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(
                    PARTITIONS, "partitions must be numbers separated by commas, got '" + text + "'");
        }
    }

    private static String join(List<Integer> partitions) {
        return partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static ProblemException rebalancing(String detail) {
        return ProblemException.unavailable(
                "cannot total every account right now: " + detail, LocalStores.RETRY_AFTER_SECONDS);
    }
}
