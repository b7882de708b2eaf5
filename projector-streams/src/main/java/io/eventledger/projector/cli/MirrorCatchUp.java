package io.eventledger.projector.cli;

import io.eventledger.projector.Projector;
import io.eventledger.projector.mirror.Mirror;
import io.eventledger.projector.replay.CatchUp;
import io.eventledger.projector.replay.ReplayReset;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The second half of a replay: once the stores have caught up, every output record the rebuild wrote is
 * committed, so the ends of the output topics taken now are what each mirror must reach.
 */
final class MirrorCatchUp {

    private MirrorCatchUp() {}

    static Duration await(CatchUp catchUp, ReplayReset reset, Projector projector) {
        Map<String, Long> targets = new HashMap<>();
        for (Mirror<?> mirror : projector.mirrors()) {
            reset.ends(List.of(mirror.topic())).forEach((partition, end) -> targets.put(key(mirror, partition), end));
        }
        return catchUp.await(
                "mirrors",
                Map.of(),
                () -> targets,
                () -> positions(projector.mirrors()),
                () -> projector.streams().state().isRunningOrRebalancing());
    }

    private static Map<String, Long> positions(List<Mirror<?>> mirrors) {
        Map<String, Long> positions = new HashMap<>();
        for (Mirror<?> mirror : mirrors) {
            mirror.progress().positions().forEach((partition, at) -> positions.put(key(mirror, partition), at));
        }
        return positions;
    }

    /** One mirror's partition: two mirrors read each topic, each in its own group. */
    private static String key(Mirror<?> mirror, Object partition) {
        return mirror.name() + "/" + partition;
    }
}
