package io.eventledger.command.http;

import io.eventledger.contract.money.Currencies;
import io.eventledger.contract.money.InvalidMoneyException;
import io.eventledger.contract.money.Money;
import io.eventledger.platform.http.ProblemException;
import java.util.Currency;
import java.util.UUID;

/** The JSON bodies of the commands and their field parsers; every field is required and amounts are strings. */
final class CommandBodies {

    private CommandBodies() {}

    record OpenAccount(String ownerId, String currency) {}

    /** Deposits and withdrawals. */
    record Movement(String amount, String reference) {}

    /** Fees and refunds. */
    record Charge(String amount, String reason) {}

    record Close(String reason) {}

    record Transfer(String fromAccountId, String toAccountId, String amount, String currency) {}

    /** An approval has no fields; a body, if sent, must be an empty JSON object. */
    record Approval() {}

    record Rejection(String reason) {}

    static Money amount(String text, Currency currency) {
        try {
            return Money.parsePositive(text, currency);
        } catch (InvalidMoneyException e) {
            throw ProblemException.badRequest("amount", e.getMessage());
        }
    }

    static Currency currency(String code) {
        try {
            return Currencies.parse(code);
        } catch (InvalidMoneyException e) {
            throw ProblemException.badRequest("currency", e.getMessage());
        }
    }

    static UUID id(String text, String field) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, field + " must be a UUID");
        }
    }

    static String nonBlank(String text, String field) {
        if (text.isBlank()) {
            throw ProblemException.badRequest(field, field + " must not be blank");
        }
        return text;
    }
}
