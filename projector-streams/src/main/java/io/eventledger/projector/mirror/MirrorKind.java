package io.eventledger.projector.mirror;

import io.eventledger.contract.topic.Topics;

/**
 * The projector's four mirrors: which output topic each copies into which store. Each has its own consumer
 * group, named after the Streams application, so an outage of one store delays only its own mirror, and a
 * replay knows which groups to rewind.
 */
public enum MirrorKind {
    BALANCES_POSTGRES("balances-postgres", true),
    BALANCES_REDIS("balances-redis", true),
    DAILY_SUMMARIES_POSTGRES("daily-summaries-postgres", false),
    DAILY_SUMMARIES_REDIS("daily-summaries-redis", false);

    private final String suffix;
    private final boolean balances;

    MirrorKind(String suffix, boolean balances) {
        this.suffix = suffix;
        this.balances = balances;
    }

    public String groupId(String applicationId) {
        return applicationId + "-mirror-" + suffix;
    }

    public String topic(Topics topics) {
        return balances ? topics.balances() : topics.dailySummaries();
    }
}
