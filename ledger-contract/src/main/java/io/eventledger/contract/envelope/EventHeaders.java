package io.eventledger.contract.envelope;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The Kafka headers every event record carries, so consumers can route without parsing the value. */
public final class EventHeaders {

    public static final String EVENT_ID = "event-id";
    public static final String EVENT_TYPE = "event-type";
    public static final String SCHEMA_VERSION = "schema-version";
    public static final String AGGREGATE_VERSION = "aggregate-version";
    public static final String CORRELATION_ID = "correlation-id";

    private EventHeaders() {}

    public static Headers of(EventEnvelope e) {
        Headers headers = new RecordHeaders();
        add(headers, EVENT_ID, e.eventId().toString());
        add(headers, EVENT_TYPE, e.eventType());
        add(headers, SCHEMA_VERSION, Integer.toString(e.schemaVersion()));
        add(headers, AGGREGATE_VERSION, Integer.toString(e.version()));
        if (e.metadata() != null && e.metadata().correlationId() != null) {
            add(headers, CORRELATION_ID, e.metadata().correlationId());
        }
        return headers;
    }

    public static String text(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
