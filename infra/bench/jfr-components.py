#!/usr/bin/env python3
"""Breaks command-service's JFR CPU-time samples down by component (docs/bench/command-cpu.md).

Usage: jfr-components.py LABEL CPU.json [LABEL CPU.json ...], where CPU.json comes from
  jfr print --json --stack-depth 64 --events jdk.CPUTimeSample warm.jfr
Each sample goes to the first rule, walking from the leaf towards the root, that names one of its frames,
so socket I/O counts for the statement or the HTTP exchange that caused it. Prints a markdown table of the
share of samples per component and per thread group.
"""
import collections
import json
import re
import sys

# (frame substring, component): the leaf-most frame that matches decides
RULES = [
    ('TokenStore.verify', 'token check: lookup per request'),
    ('TokenStore.live', 'token check: in the command transaction'),
    ('HashChain.link', 'SHA-256 chain + canonical JSON'),
    ('OutboxMessage.of', 'JSON: outbox payload (envelope)'),
    ('EventStore.chain', 'JSON: event data/metadata to tree'),
    ('EventStore.extended', 'group commit: stream cache'),
    ('EventStore.lambda$loadAll', 'group commit: stream cache'),
    ('keepCommitted', 'group commit: stream cache'),
    ('StreamCache', 'group commit: stream cache'),
    ('Requests.requestHash', 'HTTP: idempotency request hash'),
    ('JsonBodies.read', 'JSON: request bodies'),
    ('CommandReplies.json', 'JSON: replies'),
    ('EventCodec.toData', 'JSON: event data/metadata to tree'),
    ('EventCodec.fromJson', 'JSON: decoding stored events'),
    ('io/micrometer', 'metrics (Micrometer)'),
    ('CommandMetrics', 'metrics (Micrometer)'),
    ('Snapshots', 'JDBC+JSON: snapshots'),
    ('EventRows.selectMany', 'JDBC: prefetch events'),
    ('EventRows.insertNumbered', 'JDBC: insert events'),
    ('OutboxWriter.write', 'JDBC: insert outbox'),
    ('IdempotencyKeys', 'JDBC: idempotency keys'),
    ('StreamLocks', 'JDBC: stream locks'),
    ('EventRows.numbers', 'JDBC: positions'),
    ('executeTransactionCommand', 'JDBC: commit'),
    ('ProxyConnection.commit', 'JDBC: commit'),
    ('HikariPool.getConnection', 'Hikari pool'),
    ('ProxyConnection.close', 'Hikari pool'),
    ('OutboxRows', 'relay: outbox SELECT/DELETE'),
    ('org/apache/kafka', 'relay: Kafka producer'),
    ('OutboxPublisher', 'relay: Kafka producer'),
    ('OutboxRelay', 'relay: outbox SELECT/DELETE'),
    ('AccountLoader', 'domain: load and fold'),
    ('Account.', 'domain: load and fold'),
    ('Transfer.', 'domain: load and fold'),
    ('TransferCommands', 'domain: load and fold'),
    ('AccountCommands', 'domain: load and fold'),
    ('CommandBatch', 'group commit: batch bookkeeping'),
    ('BatchStreams', 'group commit: batch bookkeeping'),
    ('QueuedCommand', 'group commit: batch bookkeeping'),
    ('GroupCommit', 'group commit: queue and wake-up'),
    ('Requests.', 'HTTP: correlation id, metadata, ids'),
    ('HttpServers', 'HTTP: auth, principal'),
    ('ch/qos/logback', 'logging'),
    ('org/slf4j', 'logging'),
    ('org/eclipse/jetty', 'HTTP: Jetty (socket I/O, parsing, selector)'),
    ('io/javalin', 'HTTP: Javalin'),
    ('kotlin/', 'HTTP: Javalin'),
]


def thread_group(name):
    for prefix, group in (('group-commit', 'group-commit lanes'), ('JettyServerThreadPool', 'Jetty request threads'),
                          ('kafka-producer-network', 'Kafka producer I/O thread'), ('outbox-relay', 'outbox relay thread')):
        if name.startswith(prefix) or prefix in name:
            return group
    return 'other: ' + re.sub(r'\d+', 'N', name)


def component(frames):
    for frame in frames:
        name = frame['method']['type']['name'] + '.' + frame['method']['name']
        for key, label in RULES:
            if key in name:
                return label
    return 'other (JVM, JFR)'


def breakdown(path):
    events = json.load(open(path))['recording']['events']
    by_component, by_thread = collections.Counter(), collections.Counter()
    for event in events:
        values = event['values']
        frames = values['stackTrace']['frames'] if values.get('stackTrace') else []
        by_component[component(frames)] += 1
        by_thread[thread_group(values['eventThread']['javaName'] if values.get('eventThread') else '?')] += 1
    return by_component, by_thread, len(events)


def table(title, results, index):
    first = results[0][1][index]
    keys = sorted({k for _, r in results for k in r[index]}, key=lambda k: (-first[k], k))
    print(f'| {title} | ' + ' | '.join(f'{label} (n={r[2]})' for label, r in results) + ' |')
    print('|---|' + '---:|' * len(results))
    for key in keys:
        print(f'| {key} | ' + ' | '.join(f'{100 * r[index][key] / r[2]:.1f} %' for _, r in results) + ' |')
    print()


if __name__ == '__main__':
    args = sys.argv[1:]
    results = [(args[i], breakdown(args[i + 1])) for i in range(0, len(args), 2)]
    table('thread group', results, 1)
    table('component', results, 0)
