package io.eventledger.benchmarks.projector;

import io.eventledger.command.relay.OutboxPublisher;
import io.eventledger.contract.envelope.EnvelopeSerde;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventHeaders;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import io.eventledger.projector.mirror.RedisReadModels;
import io.eventledger.projector.topology.DailySummary;
import io.eventledger.projector.topology.TestEnvelopes;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A benchmark's event topic: account events as the relay publishes them (its producer settings, envelope
 * serde, key = account id, event headers), over many accounts with a Zipf skew (a few busy accounts, a long
 * tail of quiet ones), spread over {@link #DAYS} days, each account's events in version order. Balances never
 * go below zero, so the stream is one the command side could have written.
 */
public final class EventLoad {

    public static final int DAYS = 10;
    private static final double SKEW = 0.9;

    private final List<UUID> accounts;
    private final double[] cumulative;
    private final int[] versions;
    private final long[] cents;
    private final SplittableRandom random = new SplittableRandom(42);

    public EventLoad(int accounts) {
        this.accounts = new ArrayList<>(accounts);
        for (int i = 0; i < accounts; i++) {
            this.accounts.add(UUID.randomUUID());
        }
        this.cumulative = zipf(accounts);
        this.versions = new int[accounts];
        this.cents = new long[accounts];
    }

    /** Publishes {@code events} events to {@code topic} and waits until the broker has them all. */
    public void publish(String bootstrap, String topic, int events) {
        Duration step = Duration.ofDays(DAYS).dividedBy(Math.max(events, 1));
        try (var producer =
                new KafkaProducer<String, byte[]>(OutboxPublisher.producerConfig(bootstrap, "event-load"))) {
            for (int i = 0; i < events; i++) {
                int account = pick();
                EventEnvelope envelope = TestEnvelopes.at(
                        accounts.get(account),
                        ++versions[account],
                        next(account),
                        TestEnvelopes.T0.plus(step.multipliedBy(i)));
                producer.send(new ProducerRecord<>(
                        topic,
                        null,
                        envelope.aggregateId().toString(),
                        EnvelopeSerde.write(envelope),
                        EventHeaders.of(envelope)));
            }
        }
    }

    /** The accounts that got at least one event. */
    public List<UUID> usedAccounts() {
        List<UUID> used = new ArrayList<>();
        for (int i = 0; i < versions.length; i++) {
            if (versions[i] > 0) {
                used.add(accounts.get(i));
            }
        }
        return used;
    }

    /** The days the events fall on (UTC), first to last. */
    public static List<LocalDate> days() {
        LocalDate first = LocalDate.ofInstant(TestEnvelopes.T0, ZoneOffset.UTC);
        return first.datesUntil(first.plusDays(DAYS + 1)).toList();
    }

    /** Deletes what the mirrors wrote to Redis for this load's accounts (Postgres goes with the run's database). */
    public void deleteRedisKeys(String redisUrl) {
        List<UUID> used = usedAccounts();
        RedisClient redis = RedisClient.create(redisUrl);
        try (var connection = redis.connect()) {
            var commands = connection.async();
            List<RedisFuture<Long>> pending = new ArrayList<>();
            for (UUID account : used) {
                List<String> keys = new ArrayList<>(List.of(RedisReadModels.BALANCE_PREFIX + account));
                for (LocalDate day : days()) {
                    keys.add(RedisReadModels.DAILY_PREFIX + DailySummary.key(account.toString(), day));
                }
                pending.add(commands.unlink(keys.toArray(String[]::new)));
            }
            for (RedisFuture<Long> reply : pending) {
                reply.get(30, TimeUnit.SECONDS);
            }
            System.out.println("deleted the Redis keys of " + used.size() + " accounts");
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete the Redis keys", e);
        } finally {
            redis.shutdown();
        }
    }

    private AccountEvent next(int account) {
        if (versions[account] == 1) {
            return new AccountOpened("owner-" + account, "EUR");
        }
        int kind = random.nextInt(10);
        long amount = kind == 7 ? 100 + random.nextLong(400) : 100 + random.nextLong(50_000);
        if (kind < 5 || cents[account] < amount) {
            cents[account] += amount;
            return kind == 0
                    ? new TransferCredited(UUID.randomUUID(), money(amount), "EUR", accounts.get(0))
                    : new MoneyDeposited(money(amount), "EUR", "salary");
        }
        cents[account] -= amount;
        return switch (kind) {
            case 5, 6 -> new MoneyWithdrawn(money(amount), "EUR", "atm");
            case 7 -> new FeeCharged(money(amount), "EUR", "fee");
            default -> new TransferDebited(UUID.randomUUID(), money(amount), "EUR", accounts.get(0));
        };
    }

    private int pick() {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(at < 0 ? -at - 1 : at, cumulative.length - 1);
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** P(rank k) ∝ 1/k^s, as a cumulative table to search. */
    private static double[] zipf(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, SKEW);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        return cumulative;
    }
}
