package io.eventledger.command.audit;

import io.eventledger.command.eventstore.chain.ChainEntry;
import io.eventledger.command.eventstore.chain.HashChain;
import java.util.Arrays;
import java.util.UUID;

/**
 * The verifier's running state over links that arrive in (stream id, version) order. After a bad link
 * the walk goes on from the stored hash, so one edited row is reported once, not once per later event.
 */
final class ChainWalk {

    private UUID stream;
    private int expectedVersion;
    private byte[] previousHash;
    private long streams;
    private long events;
    private long broken;
    private ChainReport.BrokenLink first;

    void check(StoredLinks.Link link) {
        ChainEntry entry = link.entry();
        if (!entry.streamId().equals(stream)) {
            stream = entry.streamId();
            streams++;
            expectedVersion = 1;
            previousHash = HashChain.genesis();
        }
        events++;
        ChainReport.BrokenLink bad = judge(link);
        if (bad != null) {
            broken++;
            first = first == null ? bad : first;
        }
        expectedVersion = entry.version() + 1;
        previousHash = link.hash();
    }

    ChainReport report() {
        return new ChainReport(streams, events, broken == 0, broken, first);
    }

    /** The first of: a missing version, a prev_hash that is not the previous hash, a hash that is not the content's. */
    private ChainReport.BrokenLink judge(StoredLinks.Link link) {
        int version = link.entry().version();
        if (version != expectedVersion) {
            String after = expectedVersion == 1
                    ? "the stream starts at"
                    : "version " + (expectedVersion - 1) + " is followed by";
            return broken(
                    version,
                    previousHash,
                    link.prevHash(),
                    "version " + expectedVersion + " is missing: " + after + " version " + version);
        }
        if (!Arrays.equals(link.prevHash(), previousHash)) {
            return broken(
                    version,
                    previousHash,
                    link.prevHash(),
                    version == 1
                            ? "prev_hash of version 1 is not the genesis" + " hash (32 zero bytes)"
                            : "prev_hash is not the hash of version " + (version - 1));
        }
        byte[] recomputed = HashChain.link(link.prevHash(), link.entry());
        if (!Arrays.equals(recomputed, link.hash())) {
            return broken(version, recomputed, link.hash(), "the stored hash does not match the event's content");
        }
        return null;
    }

    private ChainReport.BrokenLink broken(int version, byte[] expected, byte[] found, String reason) {
        return new ChainReport.BrokenLink(stream, version, HashChain.hex(expected), HashChain.hex(found), reason);
    }
}
