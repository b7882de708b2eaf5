package io.eventledger.contract.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** An exact amount in one currency, always at that currency's ISO 4217 scale. Never negative here. */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    private static final java.util.regex.Pattern PLAIN_DECIMAL =
            java.util.regex.Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,6})?");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        amount = atScale(amount, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, Currencies.parse(currencyCode));
    }

    /**
     * Parses a client's amount: a plain decimal string, strictly positive, with no more decimals than
     * the currency allows ("12.5" is fine for EUR and becomes 12.50; "12.505" is not).
     */
    public static Money parsePositive(String text, Currency currency) {
        // plain digits only: exponents ("1e400000") would let a client make us build huge numbers
        if (text == null || !PLAIN_DECIMAL.matcher(text).matches()) {
            throw new InvalidMoneyException("not a plain decimal number with at most 15 integer digits: " + text);
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() <= 0) {
            throw new InvalidMoneyException("must be greater than zero");
        }
        if (value.stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            throw new InvalidMoneyException(currency.getCurrencyCode() + " allows "
                    + currency.getDefaultFractionDigits() + " decimals at most");
        }
        return new Money(value, currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    /** The amount as clients see it: a plain string at the currency's scale, e.g. "237.50". */
    public String text() {
        return amount.toPlainString();
    }

    @Override
    public String toString() {
        return text() + " " + currency.getCurrencyCode();
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new InvalidMoneyException("currency mismatch: " + currency + " vs " + other.currency);
        }
        return other;
    }

    private static BigDecimal atScale(BigDecimal amount, Currency currency) {
        int scale = Math.max(currency.getDefaultFractionDigits(), 0);
        // UNNECESSARY: rounding would silently create or destroy money, so it is an error instead.
        return amount.setScale(scale, java.math.RoundingMode.UNNECESSARY);
    }
}
