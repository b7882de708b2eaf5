package io.eventledger.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opens the run's accounts through {@code POST /accounts} and funds each with one deposit, a few at a time,
 * before the clock starts, over the instances in turn like the load. Any failure stops the run: a load over
 * half-made accounts would measure nothing.
 */
final class AccountSetup {

    private static final int PARALLEL = 8;
    private static final Duration SETUP_GRACE = Duration.ofSeconds(60);
    private static final BigDecimal FUNDING_UNITS = new BigDecimal(5_000);
    private final LedgerHttp http;
    private final CommandSender sender;
    private final Instances instances;
    private final Currency currency;
    private final String runId;

    AccountSetup(LedgerHttp http, CommandSender sender, Instances instances, Currency currency, String runId) {
        this.http = http;
        this.sender = sender;
        this.instances = instances;
        this.currency = currency;
        this.runId = runId;
    }

    List<String> open(int count, AckLog ackLog) throws InterruptedException {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> work = new ArrayList<>();
        try (ExecutorService pool =
                Executors.newFixedThreadPool(PARALLEL, Thread.ofVirtual().factory())) {
            for (int i = 0; i < count; i++) {
                String key = "bench-" + runId + "-setup-" + i;
                work.add(pool.submit(() -> {
                    ids.add(openFunded(key, ackLog));
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not set up the accounts: " + e.getCause().getMessage(), e.getCause());
        }
        return List.copyOf(ids);
    }

    private String openFunded(String key, AckLog ackLog) throws IOException, InterruptedException {
        LedgerHttp.Answer opened = http.post(
                instances.resolve(instances.next(), "/accounts"),
                "{\"ownerId\":\"bench\",\"currency\":\"" + currency.getCurrencyCode() + "\"}",
                key + "-open");
        if (opened.status() != 201) {
            throw new IllegalStateException("POST /accounts answered " + opened.status() + ": " + opened.body());
        }
        JsonNode reply = Json.mapper().readTree(opened.body());
        String id = reply.get("accountId").asText();
        BigDecimal funding = FUNDING_UNITS.setScale(Math.max(currency.getDefaultFractionDigits(), 0));
        PlannedCommand deposit = new PlannedCommand(key + "-fund", CommandKind.DEPOSIT, id, null, funding);
        CommandSender.Outcome funded = sender.send(deposit, System.nanoTime() + SETUP_GRACE.toNanos());
        if (!funded.ok()) {
            throw new IllegalStateException("funding account " + id + " answered " + funded.status());
        }
        if (ackLog != null) {
            ackLog.acknowledged(deposit, funded.status());
        }
        return id;
    }
}
