package io.eventledger.contract.upcast;

import com.fasterxml.jackson.databind.JsonNode;

/** Lifts one event type's data from {@code fromVersion} to {@code fromVersion + 1}. */
public interface Upcaster {

    String eventType();

    int fromVersion();

    JsonNode upcast(JsonNode data);
}
