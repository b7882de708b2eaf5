package io.eventledger.projector.mirror;

/**
 * Which incoming versions may replace the stored copy of a read model. An older version never does.
 */
public enum Overwrite {
    /**
     * Normal running: only a newer version is written, so a record read again (after a rebalance or a
     * restart) never puts an older value back; a repeat of the stored one is skipped.
     */
    NEWER(">"),
    /**
     * Replay: the rebuilt value of the stored version replaces the old copy too, so a wrong or corrupted copy
     * is repaired by a rebuild instead of being kept because its version number is already there.
     */
    NEWER_OR_SAME(">=");

    private final String sqlOperator;

    Overwrite(String sqlOperator) {
        this.sqlOperator = sqlOperator;
    }

    /** For {@code WHERE excluded.version <op> current.version}. */
    String sqlOperator() {
        return sqlOperator;
    }
}
