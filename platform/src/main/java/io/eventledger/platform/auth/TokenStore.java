package io.eventledger.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** {@code ledger.api_tokens}: creates, verifies and revokes bearer tokens; only hashes are stored. */
public final class TokenStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource dataSource;

    public TokenStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns the new token; it is shown once and never stored in clear. */
    public String create(String userId, Set<Role> roles) throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "elt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String roleList = roles.stream().map(Role::wireName).sorted().collect(Collectors.joining(","));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ledger.api_tokens(token_hash, user_id, roles) VALUES (?, ?, string_to_array(?, ','))")) {
            ps.setBytes(1, hash(token));
            ps.setString(2, userId);
            ps.setString(3, roleList);
            ps.executeUpdate();
        }
        return token;
    }

    public Optional<Principal> verify(String token) throws SQLException {
        return verifyHash(hash(token));
    }

    /** As {@link #verify} for a token known only by its hash. */
    public Optional<Principal> verifyHash(byte[] presented) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT token_hash, user_id, roles FROM ledger.api_tokens WHERE token_hash = ? AND revoked_at IS NULL")) {
            ps.setBytes(1, presented);
            try (ResultSet rs = ps.executeQuery()) {
                // the index finds the row; the constant-time compare keeps timing from leaking how close a guess was
                if (!rs.next() || !MessageDigest.isEqual(presented, rs.getBytes(1))) {
                    return Optional.empty();
                }
                return Optional.of(new Principal(
                        rs.getString(2), roles((String[]) rs.getArray(3).getArray())));
            }
        }
    }

    /** Returns whether a live token was revoked. */
    public boolean revoke(String token) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE ledger.api_tokens SET revoked_at = now() WHERE token_hash = ? AND revoked_at IS NULL")) {
            ps.setBytes(1, hash(token));
            return ps.executeUpdate() == 1;
        }
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String hashHex(String token) {
        return HexFormat.of().formatHex(hash(token));
    }

    private static Set<Role> roles(String[] names) {
        return java.util.Arrays.stream(names).map(Role::parse).collect(Collectors.toUnmodifiableSet());
    }
}
