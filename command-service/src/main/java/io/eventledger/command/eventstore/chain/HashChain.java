package io.eventledger.command.eventstore.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The per-stream hash chain: {@code hash = SHA-256(prev_hash ‖ canonical JSON of the entry)}, starting
 * from 32 zero bytes. Changing, removing or reordering any event breaks every later link.
 */
public final class HashChain {

    public static final int HASH_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {}

    /** The prev_hash of a stream's first event. */
    public static byte[] genesis() {
        return new byte[HASH_BYTES];
    }

    public static String genesisHex() {
        return hex(genesis());
    }

    public static byte[] link(byte[] prevHash, ChainEntry entry) {
        if (prevHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a prev_hash has " + HASH_BYTES + " bytes, not " + prevHash.length);
        }
        MessageDigest sha256 = sha256();
        sha256.update(prevHash);
        sha256.update(CanonicalJson.bytes(entry.document()));
        return sha256.digest();
    }

    /** Lower-case hex, as envelopes carry it. */
    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
