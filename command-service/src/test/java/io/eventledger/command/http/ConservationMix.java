package io.eventledger.command.http;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;

/**
 * The seeded random commands of {@link ConservationIT} over a fixed set of EUR accounts: 40% deposits, 30%
 * withdrawals (four times the average size), 30% transfers. More is asked out than paid in, so balances stay low
 * and both refusals (withdrawal above the balance: 422; transfer above it: 201 FAILED) keep happening.
 */
final class ConservationMix {

    enum Kind {
        DEPOSIT,
        WITHDRAWAL,
        TRANSFER
    }

    /** One command; {@code twice} sends it a second time under the same Idempotency-Key. */
    record Command(Kind kind, String path, String body, BigDecimal amount, boolean twice) {}

    /** Just below the default LEDGER_APPROVAL_THRESHOLD (10000.00): transfers execute at once or fail. */
    private static final long MAX_TRANSFER_CENTS = 999_999;

    private final List<String> accounts;

    ConservationMix(List<String> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    Command next(Random random) {
        boolean twice = random.nextInt(20) == 0;
        String account = accounts.get(random.nextInt(accounts.size()));
        int roll = random.nextInt(10);
        if (roll < 4) {
            BigDecimal amount = cents(random, 50_000);
            return new Command(Kind.DEPOSIT, "/accounts/" + account + "/deposits", money(amount), amount, twice);
        }
        if (roll < 7) {
            BigDecimal amount = cents(random, 200_000);
            return new Command(Kind.WITHDRAWAL, "/accounts/" + account + "/withdrawals", money(amount), amount, twice);
        }
        String to = accounts.get(
                Math.floorMod(accounts.indexOf(account) + 1 + random.nextInt(accounts.size() - 1), accounts.size()));
        // one transfer in ten is large, so it mostly fails for funds
        BigDecimal amount = cents(random, random.nextInt(10) == 0 ? MAX_TRANSFER_CENTS : 100_000);
        return new Command(
                Kind.TRANSFER,
                "/transfers",
                "{\"fromAccountId\":\"" + account + "\",\"toAccountId\":\"" + to + "\",\"amount\":\"" + amount
                        + "\",\"currency\":\"EUR\"}",
                amount,
                twice);
    }

    /** A random amount of 0.01 up to {@code maxCents}/100, at EUR scale. */
    private static BigDecimal cents(Random random, long maxCents) {
        return BigDecimal.valueOf(1 + random.nextLong(maxCents), 2);
    }

    private static String money(BigDecimal amount) {
        return "{\"amount\":\"" + amount + "\",\"reference\":\"conservation\"}";
    }
}
