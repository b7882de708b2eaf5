package io.eventledger.loadtest.bench;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Draws the next command: its kind from the mix, its account (and a transfer's other account) from the
 * Zipf sampler over the opened accounts, and an amount from 1 to 100 in the currency's smallest unit
 * steps, so transfers stay well under the approval threshold.
 */
public final class Workload {

    private static final int MAX_UNITS = 100;
    private final List<String> accounts;
    private final ZipfSampler sampler;
    private final CommandMix mix;
    private final Currency currency;
    private final String runId;
    private final AtomicLong sequence = new AtomicLong();

    public Workload(List<String> accounts, double zipf, CommandMix mix, Currency currency, String runId) {
        if (accounts.size() < 2 && mix.transfers() > 0) {
            throw new IllegalArgumentException("transfers need at least two accounts");
        }
        this.accounts = List.copyOf(accounts);
        this.sampler = new ZipfSampler(accounts.size(), zipf);
        this.mix = mix;
        this.currency = currency;
        this.runId = runId;
    }

    public PlannedCommand next(RandomGenerator random) {
        CommandKind kind = mix.next(random);
        int account = sampler.next(random);
        String counterparty =
                kind == CommandKind.TRANSFER ? accounts.get(sampler.nextOtherThan(account, random)) : null;
        return new PlannedCommand(nextCorrelationId(), kind, accounts.get(account), counterparty, amount(random));
    }

    /** Unique across runs too: a key reused by a later run would only replay the earlier answer. */
    public String nextCorrelationId() {
        return "bench-" + runId + "-" + sequence.incrementAndGet();
    }

    private BigDecimal amount(RandomGenerator random) {
        int scale = Math.max(currency.getDefaultFractionDigits(), 0);
        long smallestUnits = (long) Math.pow(10, scale);
        long units = smallestUnits + random.nextLong(smallestUnits * (MAX_UNITS - 1) + 1);
        return BigDecimal.valueOf(units, scale);
    }
}
