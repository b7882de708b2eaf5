package io.eventledger.projector;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that asks for every account's balance and days through some instances, over and over, each time
 * with the last version it saw of the account as {@code minVersion} (and a wait, which rides out a moment
 * in which no copy can be read, as any careful client would). It keeps what it should never see: an answer
 * other than 200, and a 200 older than the version it asked for.
 */
final class PollingReader implements AutoCloseable {

    private static final String DAY = "?from=2025-03-01&to=2025-03-01";

    private final List<UUID> accounts;
    private final List<Projector> through;
    private final String token;
    private final Map<UUID, Integer> seen = new ConcurrentHashMap<>();
    private final Queue<String> refused = new ConcurrentLinkedQueue<>();
    private final Queue<String> wentBack = new ConcurrentLinkedQueue<>();
    private final Set<String> staleServers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger staleAnswers = new AtomicInteger();
    private final AtomicBoolean done = new AtomicBoolean();
    private final CompletableFuture<Void> polling;

    /** Starts polling at once; {@code version} is what every account is known to be at already. */
    PollingReader(List<UUID> accounts, int version, List<Projector> through, String token) {
        this.accounts = List.copyOf(accounts);
        this.through = List.copyOf(through);
        this.token = token;
        accounts.forEach(account -> seen.put(account, version));
        this.polling = CompletableFuture.runAsync(this::poll);
    }

    /** Answers other than 200, each with the request and body. */
    Queue<String> refused() {
        return refused;
    }

    /** 200 answers older than the minVersion asked for. */
    Queue<String> wentBack() {
        return wentBack;
    }

    /** How many answers were marked stale. */
    int staleAnswers() {
        return staleAnswers.get();
    }

    /** The instances that gave stale answers, as their servedBy. */
    Set<String> staleServers() {
        return staleServers;
    }

    @Override
    public void close() {
        done.set(true);
        polling.join();
    }

    private void poll() {
        while (!done.get()) {
            for (UUID account : accounts) {
                for (Projector instance : through) {
                    ask(instance, account, "/balances/" + account, "?");
                    ask(instance, account, "/balances/" + account + "/daily" + DAY, "&");
                }
            }
        }
    }

    private void ask(Projector instance, UUID account, String path, String separator) {
        int minVersion = seen.get(account);
        String request = path + separator + "minVersion=" + minVersion + "&waitMs=5000";
        try {
            HttpResponse<String> response = ProjectorFixture.get(instance.port(), request, token);
            if (response.statusCode() != 200) {
                refused.add(response.statusCode() + " " + request + " on :" + instance.port() + " " + response.body());
                return;
            }
            JsonNode body = Json.mapper().readTree(response.body());
            int version = body.get("version").asInt();
            if (version < minVersion) {
                wentBack.add(request + " answered version " + version + ": " + response.body());
            }
            seen.merge(account, version, Math::max);
            if (body.path("stale").asBoolean(false)) {
                staleAnswers.incrementAndGet();
                staleServers.add(body.get("servedBy").asText());
            }
        } catch (Exception e) {
            refused.add("no answer to " + request + " on :" + instance.port() + ": " + e);
        }
    }
}
