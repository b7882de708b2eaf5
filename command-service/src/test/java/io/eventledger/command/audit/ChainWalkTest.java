package io.eventledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.command.eventstore.chain.ChainEntry;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.contract.envelope.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which links the walk calls broken, and what it names: stream, version, expected and found hash. */
class ChainWalkTest {

    // ordered so that stream A sorts first, as the store's (stream_id, version) order would hand them over
    private final UUID a = new UUID(1, 1);
    private final UUID b = new UUID(2, 2);

    @Test
    void cleanChainsOfSeveralStreamsVerify() {
        ChainReport report = walk(chain(a, 3), chain(b, 2));

        assertThat(report).isEqualTo(new ChainReport(2, 5, true, 0, null));
    }

    @Test
    void editedDataIsNamedWithTheRecomputedAndTheStoredHash() {
        List<StoredLinks.Link> links = chain(a, 3);
        StoredLinks.Link honest = links.get(1);
        StoredLinks.Link edited =
                new StoredLinks.Link(withAmount(honest.entry(), "5000.00"), honest.prevHash(), honest.hash());
        links.set(1, edited);

        ChainReport report = walk(links, chain(b, 2));

        assertThat(report.ok()).isFalse();
        assertThat(report.brokenLinks())
                .as("later links still hang on the stored hash")
                .isEqualTo(1);
        assertThat(report.firstBrokenLink())
                .isEqualTo(new ChainReport.BrokenLink(
                        a,
                        2,
                        HashChain.hex(HashChain.link(honest.prevHash(), edited.entry())),
                        HashChain.hex(honest.hash()),
                        "the stored hash does not match the event's content"));
    }

    @Test
    void aPrevHashThatIsNotThePreviousHashIsBroken() {
        List<StoredLinks.Link> links = chain(a, 3);
        StoredLinks.Link third = links.get(2);
        byte[] forged = HashChain.link(new byte[32], third.entry());
        links.set(2, new StoredLinks.Link(third.entry(), new byte[32], forged));

        ChainReport.BrokenLink broken = walk(links).firstBrokenLink();

        assertThat(broken.version()).isEqualTo(3);
        assertThat(broken.expectedHash()).isEqualTo(HashChain.hex(links.get(1).hash()));
        assertThat(broken.foundHash()).isEqualTo(HashChain.genesisHex());
    }

    @Test
    void aMissingVersionIsBrokenAtTheVersionThatFollowsTheGap() {
        List<StoredLinks.Link> links = chain(a, 4);
        links.remove(1);
        List<StoredLinks.Link> headless = chain(b, 2);
        headless.remove(0);

        ChainReport report = walk(links, headless);

        assertThat(report.brokenLinks()).isEqualTo(2);
        assertThat(report.firstBrokenLink().version()).isEqualTo(3);
        assertThat(report.firstBrokenLink().reason())
                .isEqualTo("version 2 is missing: version 1 is followed by version 3");
        assertThat(report.verifiedEvents()).isEqualTo(4);
    }

    @SafeVarargs
    private static ChainReport walk(List<StoredLinks.Link>... streams) {
        ChainWalk walk = new ChainWalk();
        for (List<StoredLinks.Link> stream : streams) {
            stream.forEach(walk::check);
        }
        return walk.report();
    }

    /** A stream of deposits chained as the store chains them. */
    private static List<StoredLinks.Link> chain(UUID stream, int length) {
        List<StoredLinks.Link> links = new ArrayList<>();
        byte[] prev = HashChain.genesis();
        for (int version = 1; version <= length; version++) {
            ObjectNode data =
                    Json.mapper().createObjectNode().put("amount", "500.00").put("currency", "EUR");
            ChainEntry entry = new ChainEntry(
                    UUID.randomUUID(),
                    "account",
                    stream,
                    version,
                    "MoneyDeposited",
                    2,
                    data,
                    Json.mapper().createObjectNode().put("userId", "olga"),
                    Instant.parse("2025-03-04T09:00:00Z"));
            byte[] hash = HashChain.link(prev, entry);
            links.add(new StoredLinks.Link(entry, prev, hash));
            prev = hash;
        }
        return links;
    }

    private static ChainEntry withAmount(ChainEntry e, String amount) {
        ObjectNode data = ((ObjectNode) e.data()).deepCopy().put("amount", amount);
        return new ChainEntry(
                e.eventId(),
                e.streamType(),
                e.streamId(),
                e.version(),
                e.eventType(),
                e.schemaVersion(),
                data,
                e.metadata(),
                e.occurredAt());
    }
}
