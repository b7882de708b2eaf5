package io.eventledger.command.eventstore.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.contract.envelope.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HashChainTest {

    private final UUID stream = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private final Instant at = Instant.parse("2025-01-02T03:04:05.123456Z");

    @Test
    void genesisIs32ZeroBytes() {
        assertThat(HashChain.genesis()).hasSize(32).containsOnly(0);
        assertThat(HashChain.genesisHex()).isEqualTo("0".repeat(64));
    }

    @Test
    void hashIsSha256OfPrevHashThenCanonicalJson() throws Exception {
        ChainEntry entry = entry(1, "12.50");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(new byte[32]);
        sha.update(CanonicalJson.bytes(entry.document()));

        assertThat(HashChain.link(HashChain.genesis(), entry)).isEqualTo(sha.digest());
        assertThat(new String(CanonicalJson.bytes(entry.document()), StandardCharsets.UTF_8))
                .startsWith("{\"data\":{\"amount\":\"12.50\"},\"eventId\":")
                .contains("\"occurredAt\":\"2025-01-02T03:04:05.123456Z\"", "\"version\":1");
    }

    @Test
    void eachLinkDependsOnTheOneBefore() {
        byte[] first = HashChain.link(HashChain.genesis(), entry(1, "12.50"));
        byte[] second = HashChain.link(first, entry(2, "1.00"));
        byte[] firstTampered = HashChain.link(HashChain.genesis(), entry(1, "99.50"));

        assertThat(HashChain.link(firstTampered, entry(2, "1.00"))).isNotEqualTo(second);
        assertThat(HashChain.link(HashChain.genesis(), entry(2, "1.00"))).isNotEqualTo(second);
        assertThat(HashChain.fromHex(HashChain.hex(second))).isEqualTo(second);
        assertThat(HashChain.hex(second)).matches("[0-9a-f]{64}");
    }

    @Test
    void refusesAPrevHashOfTheWrongLength() {
        assertThatThrownBy(() -> HashChain.link(new byte[31], entry(1, "1.00")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ChainEntry entry(int version, String amount) {
        ObjectNode data = Json.mapper().createObjectNode().put("amount", amount);
        ObjectNode metadata = Json.mapper().createObjectNode().put("userId", "u1");
        UUID eventId = new UUID(0, version);
        return new ChainEntry(eventId, "account", stream, version, "MoneyDeposited", 2, data, metadata, at);
    }
}
