package io.eventledger.projector.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The most recently used decoded values of a store that one processor alone writes. Streams' record cache
 * holds bytes, so every read through it still ran the JSON serde: a fifth of the stream thread's CPU in
 * the projection profile, mostly for the same busy accounts over and over. A miss falls through to the
 * store; a write goes to the store first, then here. Values are immutable records, so sharing them is safe.
 * A new cache is made whenever the processor is initialised, which Streams does again after it restored
 * the store (e.g. after an exactly-once abort), so nothing here outlives the store it mirrors.
 */
final class ReadModelCache<V> {

    private final KeyValueStore<String, V> store;
    private final Map<String, V> recent;

    ReadModelCache(KeyValueStore<String, V> store, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.store = store;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    V get(String key) {
        V value = recent.get(key);
        if (value == null) {
            value = store.get(key);
            if (value != null) {
                recent.put(key, value);
            }
        }
        return value;
    }

    void put(String key, V value) {
        store.put(key, value);
        recent.put(key, value);
    }

    int size() {
        return recent.size();
    }
}
