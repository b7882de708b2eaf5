package io.eventledger.projector.topology;

/**
 * Told what became of each record, so the running app can count it (metrics) while the topology stays
 * free of any metrics library. Called on stream threads: implementations must be thread-safe and fast.
 */
public interface ProjectionListener {

    /** Does nothing: for driver tests and tools that do not count. */
    ProjectionListener NONE = new ProjectionListener() {
        @Override
        public void applied() {
        }

        @Override
        public void duplicate() {
        }

        @Override
        public void parked(DeadLetters.Kind kind) {
        }
    };

    /** The event moved the account's balance and its day's summary to its version. */
    void applied();

    /** The event's version was already applied: skipped. */
    void duplicate();

    /** The record went to the dead letters. */
    void parked(DeadLetters.Kind kind);
}
