package io.eventledger.projector.topology;

/**
 * Told what became of each record, so the running app can count it (metrics) while the topology stays
 * free of any metrics library. Called on stream threads: implementations must be thread-safe and fast.
 */
public interface ProjectionListener {

    /** Does nothing: for driver tests and tools that do not count. */
    ProjectionListener NONE = new ProjectionListener() {
        @Override
        public void applied(String accountId, int version) {}

        @Override
        public void duplicate() {}

        @Override
        public void parked(DeadLetters.Kind kind) {}
    };

    /**
     * The event moved the account's balance and its day's summary to {@code version}; both are in the stores
     * by the time this is called, so a query that asks now sees them.
     */
    void applied(String accountId, int version);

    /** The event's version was already applied: skipped. */
    void duplicate();

    /** The record went to the dead letters. */
    void parked(DeadLetters.Kind kind);

    /** Tells each of {@code listeners}, in order. */
    static ProjectionListener all(ProjectionListener... listeners) {
        return new ProjectionListener() {
            @Override
            public void applied(String accountId, int version) {
                for (ProjectionListener listener : listeners) {
                    listener.applied(accountId, version);
                }
            }

            @Override
            public void duplicate() {
                for (ProjectionListener listener : listeners) {
                    listener.duplicate();
                }
            }

            @Override
            public void parked(DeadLetters.Kind kind) {
                for (ProjectionListener listener : listeners) {
                    listener.parked(kind);
                }
            }
        };
    }
}
