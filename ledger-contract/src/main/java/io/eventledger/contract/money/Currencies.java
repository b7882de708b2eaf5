package io.eventledger.contract.money;

import java.util.Currency;

/** ISO 4217 currency lookup that fails with a domain error rather than an IllegalArgumentException. */
public final class Currencies {

    private Currencies() {}

    public static Currency parse(String code) {
        if (code == null || !isThreeCapitals(code)) {
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

    /**
     * The shape [A-Z]{3}, checked by hand: every money event folded names its currency, and a regex here was a
     * tenth of the time of loading a long stream.
     */
    private static boolean isThreeCapitals(String code) {
        if (code.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }
}
