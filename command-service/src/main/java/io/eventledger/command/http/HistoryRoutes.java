package io.eventledger.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.audit.AccountTimeline;
import io.eventledger.command.audit.EventHistory;
import io.eventledger.command.handling.AccountCommands;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.http.ProblemException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** An account's state now or in the past, its audit history and its statement. */
public final class HistoryRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> ACCOUNT_EVENT_TYPES = EventTypes.all().stream()
            .filter(t -> t.aggregateType().equals(EventTypes.ACCOUNT))
            .map(EventTypes.EventType::name)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    private final AccountCommands commands;
    private final EventHistory history;
    private final AccountTimeline timeline;

    record View(UUID accountId, String ownerId, String currency, String balance, String status, int version) {}

    record Item(
            UUID eventId,
            int version,
            long position,
            String eventType,
            int schemaVersion,
            int storedSchemaVersion,
            Instant occurredAt,
            Instant recordedAt,
            JsonNode data,
            JsonNode metadata,
            String hash,
            String prevHash) {}

    record Events(UUID accountId, List<Item> events, Integer nextFromVersion) {}

    public HistoryRoutes(AccountCommands commands, EventHistory history) {
        this.commands = commands;
        this.history = history;
        this.timeline = new AccountTimeline(history);
    }

    public void register(Javalin app) {
        app.get("/accounts/{id}", this::show, Role.READER, Role.AUDITOR, Role.OPERATOR);
        app.get("/accounts/{id}/events", this::events, Role.AUDITOR);
        app.get("/accounts/{id}/statement", this::statement, Role.AUDITOR);
    }

    /** Now (with the ETag a command's If-Match wants), or as of a time, or at a version. */
    private void show(Context ctx) throws Exception {
        QueryParams query = QueryParams.of(ctx, "asOf", "version");
        UUID id = Requests.accountId(ctx);
        Instant asOf = query.instant("asOf");
        Integer version = query.positiveInt("version");
        if (asOf != null && version != null) {
            throw ProblemException.badRequest("version", "asOf and version exclude each other; send one");
        }
        if (asOf == null && version == null) {
            AccountState now = commands.current(id);
            ctx.header("ETag", Requests.etag(now.version())).json(view(now));
            return;
        }
        Optional<AccountState> past = version != null ? timeline.atVersion(id, version) : timeline.asOf(id, asOf);
        ctx.json(view(past.orElseThrow(() -> ProblemException.notFound(
                version != null
                        ? "account " + id + " has not reached version " + version
                        : "account " + id + " did not exist yet at " + asOf))));
    }

    private void events(Context ctx) throws Exception {
        QueryParams query = QueryParams.of(ctx, "fromVersion", "toVersion", "types", "from", "to", "limit");
        UUID id = Requests.accountId(ctx);
        EventHistory.Filter filter = new EventHistory.Filter(
                query.positiveInt("fromVersion"),
                query.positiveInt("toVersion"),
                types(query.text("types")),
                query.instant("from"),
                query.instant("to"),
                query.intBetween("limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
        if (filter.fromVersion() != null && filter.toVersion() != null && filter.fromVersion() > filter.toVersion()) {
            throw ProblemException.badRequest("toVersion", "toVersion must not be below fromVersion");
        }
        requireOrder(filter.from(), filter.to());
        timeline.requireAccount(id);
        EventHistory.Page page = history.page(id, filter);
        if (page.nextFromVersion() != null) {
            ctx.header("Link", "<" + nextPage(ctx, page.nextFromVersion()) + ">; rel=\"next\"");
        }
        ctx.json(new Events(id, page.events().stream().map(HistoryRoutes::item).toList(), page.nextFromVersion()));
    }

    private void statement(Context ctx) throws Exception {
        QueryParams query = QueryParams.of(ctx, "from", "to");
        UUID id = Requests.accountId(ctx);
        Instant from = query.instant("from");
        Instant to = query.instant("to");
        requireOrder(from, to);
        ctx.json(timeline.statement(id, from, to)
                .orElseThrow(() -> ProblemException.notFound("account " + id + " was not open before " + to)));
    }

    /** "MoneyDeposited,FeeCharged": account event type names only, anything else is a 400. */
    private static Set<String> types(String csv) {
        if (csv == null) {
            return null;
        }
        Set<String> names = Arrays.stream(csv.split(",")).map(String::trim).collect(Collectors.toSet());
        for (String name : names) {
            if (!ACCOUNT_EVENT_TYPES.contains(name)) {
                throw ProblemException.badRequest(
                        "types",
                        "unknown account event type '" + name + "'; known: " + String.join(", ", ACCOUNT_EVENT_TYPES));
            }
        }
        return names;
    }

    private static void requireOrder(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest("to", "to must be later than from (from is inclusive, to exclusive)");
        }
    }

    /** The same query with fromVersion moved on; the other filters and the limit stay. */
    private static String nextPage(Context ctx, int nextFromVersion) {
        StringBuilder link =
                new StringBuilder(ctx.path()).append("?fromVersion=").append(nextFromVersion);
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("fromVersion")) {
                link.append('&')
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(values.getFirst(), StandardCharsets.UTF_8));
            }
        });
        return link.toString();
    }

    private static Item item(EventHistory.Entry e) {
        return new Item(
                e.eventId(),
                e.version(),
                e.position(),
                e.eventType(),
                e.schemaVersion(),
                e.storedSchemaVersion(),
                e.occurredAt(),
                e.recordedAt(),
                e.data(),
                e.metadata(),
                e.hash(),
                e.prevHash());
    }

    private static View view(AccountState s) {
        return new View(
                s.id(),
                s.ownerId(),
                s.currency().getCurrencyCode(),
                s.balance().text(),
                s.status().name(),
                s.version());
    }
}
