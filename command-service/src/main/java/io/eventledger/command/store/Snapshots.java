package io.eventledger.command.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.eventledger.command.account.AccountState;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.money.Currencies;
import io.eventledger.contract.money.Money;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ledger.snapshots} of accounts: written every {@code every} events, after the command committed and
 * outside its transaction, so a snapshot can never fail or slow a command. Only rows of the current
 * {@link #SCHEMA_VERSION} are read; an older shape is ignored and the account is folded in full.
 */
public final class Snapshots {

    /** Bump when {@link State} changes shape; rows of older versions are then ignored, never misread. */
    public static final int SCHEMA_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
    private static final String LATEST = "SELECT version, state::text FROM ledger.snapshots"
            + " WHERE stream_id = ? AND schema_version = ? ORDER BY version DESC LIMIT 1";
    private static final String SAVE = "INSERT INTO ledger.snapshots (stream_id, version, schema_version, state)"
            + " VALUES (?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING";
    private static final String LATEST_OF = "SELECT DISTINCT ON (stream_id) stream_id, version, state::text"
            + " FROM ledger.snapshots WHERE stream_id = ANY(?) AND schema_version = ? ORDER BY stream_id, version DESC";
    private final DataSource dataSource;
    private final int every;

    /** The stored shape of an account; its id and version are the row's stream_id and version. */
    record State(String ownerId, String currency, BigDecimal balance, AccountState.Status status) {}

    public Snapshots(DataSource dataSource, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("snapshot interval must be 1 or more, got " + every);
        }
        this.dataSource = dataSource;
        this.every = every;
    }

    /** After a command committed {@code added} events to the account: saves it if they crossed a multiple of every. */
    public void afterCommit(AccountState account, int added) {
        if ((account.version() - added) / every < account.version() / every) {
            save(account);
        }
    }

    /** Saves the account as it is now; a failure is logged, since the events are already safe. */
    public void save(AccountState account) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SAVE)) {
            ps.setObject(1, account.id());
            ps.setInt(2, account.version());
            ps.setInt(3, SCHEMA_VERSION);
            ps.setString(4, Json.mapper().writeValueAsString(new State(account.ownerId(),
                    account.currency().getCurrencyCode(), account.balance().amount(), account.status())));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException | RuntimeException e) {
            LOG.warn("no snapshot of account {} at version {}: {}", account.id(), account.version(), e.getMessage());
        }
    }

    /** The newest snapshot of the current schema, on the caller's connection; empty if none is usable. */
    Optional<AccountState> latest(Connection c, UUID accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LATEST)) {
            ps.setObject(1, accountId);
            ps.setInt(2, SCHEMA_VERSION);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? parse(accountId, rs.getInt(1), rs.getString(2)) : Optional.empty();
            }
        }
    }

    /**
     * As {@link #latest} for many accounts, as part of a round trip: the snapshots go into {@code found} when
     * it runs; accounts without a usable snapshot are absent.
     */
    RoundTrip.Part latestOf(Collection<UUID> accountIds, Map<UUID, AccountState> found) {
        return RoundTrip.Part.query(LATEST_OF, (ps, offset) -> {
            ps.setArray(offset + 1, ps.getConnection().createArrayOf("uuid", accountIds.toArray()));
            ps.setInt(offset + 2, SCHEMA_VERSION);
            return offset + 2;
        }, rs -> {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                parse(id, rs.getInt(2), rs.getString(3)).ifPresent(state -> found.put(id, state));
            }
        });
    }

    private static Optional<AccountState> parse(UUID accountId, int version, String json) {
        try {
            State s = Json.mapper().readValue(json, State.class);
            return Optional.of(new AccountState(accountId, s.ownerId(), Currencies.parse(s.currency()),
                    Money.of(s.balance(), s.currency()), s.status(), version));
        } catch (JsonProcessingException | RuntimeException e) {
            // a snapshot is only a shortcut: the events can always be folded instead
            LOG.warn("ignoring unreadable snapshot of account {} at version {}: {}", accountId, version, e.getMessage());
            return Optional.empty();
        }
    }
}
