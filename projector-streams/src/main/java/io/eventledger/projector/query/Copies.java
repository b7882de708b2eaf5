package io.eventledger.projector.query;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The instances a query for one key asks, in order, until one answers: the active copy's instance first;
 * when it cannot answer (gone, or it holds no copy that satisfies the caller), this instance if it holds a
 * standby copy, then the other instances with one. Each answers from the active copy if it runs it, else
 * from its own copy, marked stale. A forwarded query is answered here only: forwarding twice could loop.
 */
final class Copies {

    private Copies() {}

    static List<HostInfo> askOrder(KeyQueryMetadata placement, HostInfo self, boolean forwarded) {
        if (forwarded) {
            return List.of(self);
        }
        Set<HostInfo> order = new LinkedHashSet<>();
        if (known(placement.activeHost())) {
            order.add(placement.activeHost());
        }
        if (placement.standbyHosts().contains(self)) {
            order.add(self);
        }
        placement.standbyHosts().stream().filter(Copies::known).forEach(order::add);
        if (order.isEmpty()) {
            // no instance is known to hold the key: this one says why it cannot answer
            order.add(self);
        }
        return List.copyOf(order);
    }

    private static boolean known(HostInfo host) {
        return host != null && !HostInfo.unavailable().equals(host);
    }
}
