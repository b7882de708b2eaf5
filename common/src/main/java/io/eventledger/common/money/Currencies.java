package io.eventledger.common.money;

import java.util.Currency;
import java.util.regex.Pattern;

/** ISO 4217 currency lookup that fails with a domain error rather than an IllegalArgumentException. */
public final class Currencies {

    // compiled once: String.matches compiles the pattern on every call, and the projector parses per event
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private Currencies() {
    }

    public static Currency parse(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidMoneyException("not an ISO 4217 currency code: " + code);
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw new InvalidMoneyException("not a currency of account: " + code);
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw new InvalidMoneyException("unknown currency: " + code);
        }
    }
}
