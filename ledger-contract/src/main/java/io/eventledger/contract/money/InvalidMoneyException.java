package io.eventledger.contract.money;

/** An amount or currency that cannot be money: bad format, too many decimals, not positive, unknown code. */
public final class InvalidMoneyException extends RuntimeException {

    public InvalidMoneyException(String message) {
        super(message);
    }
}
