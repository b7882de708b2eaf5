package io.eventledger.projector.reconcile;

import io.eventledger.projector.topology.Balance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Compares the expected balance of every account with each read model. The read models follow the event
 * store a moment behind, so a read model that is merely behind (a lower version) is asked again for up to
 * {@code settle} before it counts as a difference; anything else is a difference at once.
 */
public final class Reconciler {

    private static final long RECHECK_EVERY_MS = 250;

    private final List<ReadModelProbe> probes;
    private final Duration settle;

    public Reconciler(List<ReadModelProbe> probes, Duration settle) {
        this.probes = List.copyOf(probes);
        this.settle = settle;
    }

    public List<Difference> compare(Map<UUID, Balance> expected) throws InterruptedException {
        List<Difference> differences = new ArrayList<>();
        long deadline = System.nanoTime() + settle.toNanos();
        for (var account : expected.entrySet()) {
            for (ReadModelProbe probe : probes) {
                check(account.getKey(), Observed.of(account.getValue()), probe, deadline)
                        .ifPresent(differences::add);
            }
        }
        return differences;
    }

    private static Optional<Difference> check(UUID account, Observed expected, ReadModelProbe probe, long deadline)
            throws InterruptedException {
        while (true) {
            Optional<Observed> found;
            try {
                found = probe.read(account);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                return Optional.of(new Difference(account, probe.place(), expected.toString(), "no answer: " + e));
            }
            if (found.isPresent() && found.get().equals(expected)) {
                return Optional.empty();
            }
            boolean behind = found.isEmpty() || found.get().version() < expected.version();
            if (!behind || System.nanoTime() > deadline) {
                return Optional.of(new Difference(
                        account,
                        probe.place(),
                        expected.toString(),
                        found.map(Observed::toString).orElse("absent")));
            }
            Thread.sleep(RECHECK_EVERY_MS);
        }
    }
}
