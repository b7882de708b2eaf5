package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;

import io.eventledger.command.testing.ApiClient;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The commands of {@link TwoInstancesIT}: a seeded random mix on a few shared accounts, each command sent to
 * the instance a client names, and the books kept of what the answers say. Deposits, withdrawals and fees
 * (a withdrawal or fee above the balance is a 422); transfers under the approval threshold (201, executed or
 * failed for funds); transfers above it (202), then approved by a second user through both instances at once;
 * a deposit or small transfer sent again under its Idempotency-Key to the other instance; a deposit sent under
 * one key to both instances at once. Any other answer is a failure, with what was sent.
 */
final class SharedAccountsLoad {

    /** The money that enters or leaves the accounts from outside; transfers only move it between them. */
    enum Flow {
        DEPOSIT,
        WITHDRAWAL,
        FEE
    }

    /** A command: where, what, the answers it may get, the slug of its one acceptable refusal, its money flow. */
    private record Sent(
            String path, String body, Set<Integer> expected, String refusal, Flow flow, BigDecimal amount) {}

    private static final Set<Integer> OK = Set.of(200);

    private final List<ApiClient> instances;
    private final String operator;
    private final String approver;
    private final List<String> accounts;
    private final BigDecimal threshold;

    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    /** Money accepted per flow, fresh answers only (a replay moved nothing). */
    final Map<Flow, BigDecimal> accepted = new ConcurrentHashMap<>();
    /** Events each correlation id should have written, read from its fresh 2xx answer. */
    final Map<String, Integer> implied = new ConcurrentHashMap<>();
    /** Every transfer initiated. */
    final Set<String> transfers = ConcurrentHashMap.newKeySet();
    /** Per transfer that awaited approval, the statuses of its two simultaneous approvals. */
    final Map<String, List<Integer>> approvals = new ConcurrentHashMap<>();
    /** Fresh 2xx answers per instance. */
    final AtomicInteger[] acceptedBy = {new AtomicInteger(), new AtomicInteger()};
    /** Idempotency keys sent to both instances, one after the other or at once. */
    final AtomicInteger repeatedKeys = new AtomicInteger();

    SharedAccountsLoad(
            List<ApiClient> instances, String operator, String approver, List<String> accounts, BigDecimal threshold) {
        this.instances = List.copyOf(instances);
        this.operator = operator;
        this.approver = approver;
        this.accounts = List.copyOf(accounts);
        this.threshold = threshold;
        for (Flow flow : Flow.values()) {
            accepted.put(flow, BigDecimal.ZERO.setScale(2));
        }
    }

    /** One random command through {@code instance} (0 or 1); the other instance is {@code 1 - instance}. */
    void next(Random random, int instance) {
        String account = accounts.get(random.nextInt(accounts.size()));
        int roll = random.nextInt(100);
        try {
            if (roll < 28) {
                send(instance, money(Flow.DEPOSIT, account, cents(random, 1, 6_000)), null);
            } else if (roll < 46) {
                send(instance, money(Flow.WITHDRAWAL, account, cents(random, 1, 15_000)), null);
            } else if (roll < 56) {
                send(instance, money(Flow.FEE, account, cents(random, 1, 1_000)), null);
            } else if (roll < 74) {
                send(instance, smallTransfer(random, account), null);
            } else if (roll < 88) {
                initiateAndApproveOnBoth(random, instance, account);
            } else if (roll < 96) {
                repeatOnTheOther(random, instance, account);
            } else {
                twinsOnBoth(random, account);
            }
        } catch (Exception e) {
            failures.add("instance " + instance + ": " + e);
        }
    }

    private void initiateAndApproveOnBoth(Random random, int instance, String from) throws Exception {
        BigDecimal amount = threshold.add(cents(random, 0, 20_000));
        HttpResponse<String> initiated = send(instance, transfer(from, other(random, from), amount, 202), null);
        if (initiated.statusCode() != 202) {
            return;
        }
        String approve = "/transfers/" + json(initiated).get("transferId").asText() + "/approve";
        Sent approval = new Sent(approve, "{}", Set.of(200, 422), "transfer-not-awaiting-approval", null, null);
        CompletableFuture<HttpResponse<String>> here =
                instances.get(instance).sendAsync(request(instance, approval, approver, null));
        CompletableFuture<HttpResponse<String>> there =
                instances.get(1 - instance).sendAsync(request(1 - instance, approval, approver, null));
        List<HttpResponse<String>> both = List.of(here.join(), there.join());
        approvals.put(
                json(initiated).get("transferId").asText(),
                both.stream().map(HttpResponse::statusCode).toList());
        book(instance, approval, both.get(0));
        book(1 - instance, approval, both.get(1));
    }

    /** The same command under one key, first here and then there: the second answer is the first, replayed. */
    private void repeatOnTheOther(Random random, int instance, String account) throws Exception {
        Sent sent = random.nextBoolean()
                ? money(Flow.DEPOSIT, account, cents(random, 1, 6_000))
                : smallTransfer(random, account);
        String key = "repeat-" + UUID.randomUUID();
        HttpResponse<String> first = send(instance, sent, key);
        HttpResponse<String> again = send(1 - instance, sent, key);
        repeatedKeys.incrementAndGet();
        if (first.statusCode() != again.statusCode()
                || !first.body().equals(again.body())
                || !Objects.equals(etag(first), etag(again))
                || !replayed(again)) {
            failures.add("key " + key + " sent to instance " + instance + " then " + (1 - instance) + ": "
                    + first.statusCode() + " " + first.body() + " then " + again.statusCode() + " " + again.body()
                    + (replayed(again) ? " (replayed)" : " (not replayed)"));
        }
    }

    /** One deposit under one key to both instances at once: it runs once, and both get its answer. */
    private void twinsOnBoth(Random random, String account) {
        Sent sent = money(Flow.DEPOSIT, account, cents(random, 1, 6_000));
        String key = "twins-" + UUID.randomUUID();
        CompletableFuture<HttpResponse<String>> zero = instances.get(0).sendAsync(request(0, sent, operator, key));
        CompletableFuture<HttpResponse<String>> one = instances.get(1).sendAsync(request(1, sent, operator, key));
        List<HttpResponse<String>> both = List.of(zero.join(), one.join());
        repeatedKeys.incrementAndGet();
        for (int i = 0; i < 2; i++) {
            book(i, sent, both.get(i));
        }
        long fresh = both.stream().filter(r -> !replayed(r)).count();
        if (fresh != 1 || !both.get(0).body().equals(both.get(1).body())) {
            failures.add("key " + key + " sent to both at once: " + fresh + " fresh answers, "
                    + both.get(0).body() + " and " + both.get(1).body());
        }
    }

    private HttpResponse<String> send(int instance, Sent sent, String key) throws Exception {
        HttpResponse<String> answer = instances.get(instance).send(request(instance, sent, operator, key));
        book(instance, sent, answer);
        return answer;
    }

    /** Checks the answer against what the command may get; books a fresh acceptance's money and events. */
    private void book(int instance, Sent sent, HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (!sent.expected().contains(status)
                || status == 422 && !json(answer).path("type").asText().endsWith("/" + sent.refusal())) {
            failures.add("instance " + instance + ": POST " + sent.path() + " " + sent.body() + " -> " + status + " "
                    + answer.body());
            return;
        }
        if (status >= 300 || replayed(answer)) {
            return;
        }
        acceptedBy[instance].incrementAndGet();
        implied.merge(
                answer.headers().firstValue("X-Correlation-Id").orElseThrow(),
                FuzzAccounting.implied(sent.path(), json(answer)),
                Integer::sum);
        if (sent.flow() != null) {
            accepted.merge(sent.flow(), sent.amount(), BigDecimal::add);
        }
        if (sent.path().equals("/transfers")) {
            transfers.add(json(answer).get("transferId").asText());
        }
    }

    private HttpRequest.Builder request(int instance, Sent sent, String token, String key) {
        HttpRequest.Builder request = instances.get(instance).postRequest(sent.path(), token, sent.body());
        return key == null ? request : request.header("Idempotency-Key", key);
    }

    private static Sent money(Flow flow, String account, BigDecimal amount) {
        return switch (flow) {
            case DEPOSIT ->
                new Sent(
                        "/accounts/" + account + "/deposits",
                        "{\"amount\":\"" + amount + "\",\"reference\":\"shared\"}",
                        OK,
                        null,
                        flow,
                        amount);
            case WITHDRAWAL ->
                new Sent(
                        "/accounts/" + account + "/withdrawals",
                        "{\"amount\":\"" + amount + "\",\"reference\":\"shared\"}",
                        Set.of(200, 422),
                        "insufficient-funds",
                        flow,
                        amount);
            case FEE ->
                new Sent(
                        "/accounts/" + account + "/fees",
                        "{\"amount\":\"" + amount + "\",\"reason\":\"shared\"}",
                        Set.of(200, 422),
                        "insufficient-funds",
                        flow,
                        amount);
        };
    }

    private Sent smallTransfer(Random random, String from) {
        BigDecimal below = cents(random, 1, threshold.movePointRight(2).longValueExact() - 1);
        return transfer(from, other(random, from), below, 201);
    }

    private static Sent transfer(String from, String to, BigDecimal amount, int status) {
        return new Sent(
                "/transfers",
                "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"" + to + "\",\"amount\":\"" + amount
                        + "\",\"currency\":\"EUR\"}",
                Set.of(status),
                null,
                null,
                amount);
    }

    private String other(Random random, String account) {
        int at = accounts.indexOf(account);
        return accounts.get((at + 1 + random.nextInt(accounts.size() - 1)) % accounts.size());
    }

    /** {@code fromCents} to {@code toCents} cents, at EUR scale. */
    private static BigDecimal cents(Random random, long fromCents, long toCents) {
        return BigDecimal.valueOf(fromCents + random.nextLong(toCents - fromCents + 1), 2);
    }

    private static boolean replayed(HttpResponse<String> answer) {
        return answer.headers().firstValue(CommandReplies.REPLAYED).isPresent();
    }

    private static String etag(HttpResponse<String> answer) {
        return answer.headers().firstValue("ETag").orElse(null);
    }
}
