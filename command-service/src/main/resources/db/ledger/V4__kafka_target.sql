-- Which Kafka cluster and topics the relays publish to, per topic prefix. The relay compares this with the
-- cluster it finds: a new cluster id (a new or wiped cluster) or a new topic id (topics deleted and created
-- again) means the events already sent are not there, and it sends them again from the store before it
-- publishes any more of the outbox. published_through is the position up to which every event had been
-- published when the row was last written: everything at or below it was acknowledged by that cluster.
CREATE TABLE ledger.kafka_target (
    topic_prefix      text        PRIMARY KEY,
    cluster_id        text        NOT NULL,
    topic_ids         jsonb       NOT NULL,
    published_through bigint      NOT NULL,
    healed_events     bigint      NOT NULL DEFAULT 0,
    healed_at         timestamptz,
    checked_at        timestamptz NOT NULL DEFAULT now()
);
