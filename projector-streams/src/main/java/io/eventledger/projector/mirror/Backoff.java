package io.eventledger.projector.mirror;

import java.time.Duration;

/** Doubling waits between retries, capped, so a long outage neither spins nor waits for ages once it ends. */
public final class Backoff {

    private final Duration first;
    private final Duration cap;
    private Duration current;

    public Backoff(Duration first, Duration cap) {
        this.first = first;
        this.cap = cap;
        this.current = first;
    }

    /** The wait before the next attempt; each call doubles the following one up to the cap. */
    public Duration next() {
        Duration wait = current;
        current = current.multipliedBy(2).compareTo(cap) > 0 ? cap : current.multipliedBy(2);
        return wait;
    }

    public void reset() {
        current = first;
    }
}
