package io.eventledger.command.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.topic.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** {@code ledger.kafka_target}: the cluster published to, per topic prefix; and what the store says was sent. */
final class PublishedTargets {

    private static final String SELECT =
            "SELECT cluster_id, topic_ids::text, published_through FROM ledger.kafka_target WHERE topic_prefix = ?";
    private static final String UPSERT = "INSERT INTO ledger.kafka_target AS t (topic_prefix, cluster_id, topic_ids,"
            + " published_through, healed_events, healed_at) VALUES (?, ?, ?::jsonb, ?, ?, CASE WHEN ? THEN now() END)"
            + " ON CONFLICT (topic_prefix) DO UPDATE SET cluster_id = excluded.cluster_id,"
            + " topic_ids = excluded.topic_ids, published_through = excluded.published_through,"
            + " healed_events = t.healed_events + excluded.healed_events,"
            + " healed_at = coalesce(excluded.healed_at, t.healed_at), checked_at = now()";
    /** Events recorded minus those still waiting in the outbox, per aggregate type, in one snapshot. */
    private static final String PUBLISHED = "SELECT e.stream_type, e.n - coalesce(o.n, 0)"
            + " FROM (SELECT stream_type, count(*) AS n FROM ledger.events GROUP BY stream_type) e"
            + " LEFT JOIN (SELECT aggregatetype, count(*) AS n FROM ledger.outbox GROUP BY aggregatetype) o"
            + " ON o.aggregatetype = e.stream_type";
    /** Below the oldest waiting row's position every event had been sent; with no row waiting, all had. */
    private static final String THROUGH = "SELECT coalesce((SELECT min((payload->>'position')::bigint) - 1"
            + " FROM ledger.outbox), (SELECT max(position) FROM ledger.events), 0)";

    private static final TypeReference<Map<String, String>> IDS = new TypeReference<>() {};

    private final Topics topics;

    PublishedTargets(Topics topics) {
        this.topics = topics;
    }

    RecordedTarget recorded(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, topics.prefix());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new RecordedTarget(rs.getString(1), ids(rs.getString(2)), rs.getLong(3)) : null;
            }
        }
    }

    /** Records the cluster and topics as found now; {@code healed} events were just sent again to them. */
    long record(Connection c, ObservedTarget observed, long healed) throws SQLException {
        long through = publishedThrough(c);
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, topics.prefix());
            ps.setString(2, observed.clusterId());
            ps.setString(3, json(observed.topicIds()));
            ps.setLong(4, through);
            ps.setLong(5, healed);
            ps.setBoolean(6, healed > 0);
            ps.executeUpdate();
        }
        return through;
    }

    /** Per event topic, how many events the store says were published to it. */
    Map<String, Long> publishedPerTopic(Connection c) throws SQLException {
        Map<String, Long> published = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PUBLISHED);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                published.merge(topics.eventsOf(rs.getString(1)), rs.getLong(2), Long::sum);
            }
        }
        return published;
    }

    long publishedThrough(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(THROUGH);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, String> ids(String json) {
        try {
            return Json.mapper().readValue(json, IDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ledger.kafka_target.topic_ids is not a JSON object: " + json, e);
        }
    }

    private static String json(Map<String, String> ids) {
        try {
            return Json.mapper().writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write topic ids " + ids, e);
        }
    }
}
