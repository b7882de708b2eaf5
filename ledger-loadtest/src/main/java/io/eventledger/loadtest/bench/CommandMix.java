package io.eventledger.loadtest.bench;

import java.util.random.RandomGenerator;

/** Weights of deposits, withdrawals and transfers, written {@code D:W:T} (e.g. 50:25:25). */
public record CommandMix(int deposits, int withdrawals, int transfers) {

    public static final String DEFAULT = "50:25:25";

    public CommandMix {
        if (deposits < 0 || withdrawals < 0 || transfers < 0 || deposits + withdrawals + transfers == 0) {
            throw new IllegalArgumentException("mix weights are whole numbers ≥ 0, not all 0");
        }
    }

    public static CommandMix parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("the mix is D:W:T, e.g. 50:25:25, got '" + text + "'");
        }
        try {
            return new CommandMix(
                    Integer.parseInt(parts[0].trim()),
                    Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the mix is D:W:T of whole numbers, got '" + text + "'");
        }
    }

    public CommandKind next(RandomGenerator random) {
        int draw = random.nextInt(deposits + withdrawals + transfers);
        if (draw < deposits) {
            return CommandKind.DEPOSIT;
        }
        return draw < deposits + withdrawals ? CommandKind.WITHDRAWAL : CommandKind.TRANSFER;
    }

    @Override
    public String toString() {
        return deposits + ":" + withdrawals + ":" + transfers;
    }
}
