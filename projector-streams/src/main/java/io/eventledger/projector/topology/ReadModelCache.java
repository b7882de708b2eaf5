package io.eventledger.projector.topology;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Recently used decoded values of a store that one processor alone writes, at most {@code capacity} of
 * them. Streams' record cache holds bytes, so every read through it still ran the JSON serde: a fifth of
 * the stream thread's CPU in the projection profile, mostly for the same busy accounts over and over. A
 * miss falls through to the store; a write goes to the store first, then here, so a value held here is
 * never older than the store's. Values are immutable records, so sharing them is safe. A new cache is made
 * whenever the processor is initialised, which Streams does again after it restored the store (e.g. after
 * an exactly-once abort), so nothing here outlives the store it mirrors.
 *
 * <p>The bound is Caffeine's: which keys stay is decided by its Window TinyLFU policy (recency and how
 * often a key was used), not strictly by least-recent use; only which reads are served from memory depends
 * on it, never what a read returns. Eviction runs on the calling thread (the task's stream thread), so the
 * cache never holds more than {@code capacity} values after a call returns and uses no other thread.
 */
final class ReadModelCache<V> {

    private final KeyValueStore<String, V> store;
    private final Cache<String, V> recent;

    ReadModelCache(KeyValueStore<String, V> store, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.store = store;
        this.recent = Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run)
                .build();
    }

    /** The value of {@code key}, from memory or else from the store (a value found there is kept). */
    V get(String key) {
        // a null from the store is not kept: the key is simply absent
        return recent.get(key, store::get);
    }

    void put(String key, V value) {
        store.put(key, value);
        recent.put(key, value);
    }

    /** How many values are held in memory now. */
    int size() {
        recent.cleanUp();
        return Math.toIntExact(recent.estimatedSize());
    }
}
