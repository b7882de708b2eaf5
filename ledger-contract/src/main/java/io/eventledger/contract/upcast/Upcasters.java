package io.eventledger.contract.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry: applies the chain of upcasters from a record's schema version to the current one. */
public final class Upcasters {

    private final Map<String, Upcaster> byStep;

    public Upcasters(List<Upcaster> upcasters) {
        this.byStep = upcasters.stream()
                .collect(Collectors.toUnmodifiableMap(u -> key(u.eventType(), u.fromVersion()), Function.identity()));
    }

    public static Upcasters standard() {
        return new Upcasters(List.of(new MoneyDepositedV1ToV2()));
    }

    public JsonNode upcast(String eventType, int fromVersion, int toVersion, JsonNode data) {
        JsonNode current = data;
        for (int v = fromVersion; v < toVersion; v++) {
            Upcaster step = byStep.get(key(eventType, v));
            if (step == null) {
                throw new IllegalStateException("no upcaster for " + eventType + " v" + v);
            }
            current = step.upcast(current);
        }
        return current;
    }

    private static String key(String eventType, int fromVersion) {
        return eventType + "@" + fromVersion;
    }
}
