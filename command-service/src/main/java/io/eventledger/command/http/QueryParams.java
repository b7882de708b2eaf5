package io.eventledger.command.http;

import io.eventledger.platform.http.ProblemException;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The query string of a read route, strictly: only the route's parameters, each at most once, with values
 * that parse; anything else is a 400 naming the parameter. A misspelt {@code ?verison=3} must not quietly
 * answer with today's state when an auditor asked for the past.
 */
final class QueryParams {

    private final Map<String, List<String>> values;

    private QueryParams(Map<String, List<String>> values) {
        this.values = values;
    }

    static QueryParams of(Context ctx, String... allowed) {
        Map<String, List<String>> values = ctx.queryParamMap();
        List<String> known = List.of(allowed);
        values.forEach((name, given) -> {
            if (!known.contains(name)) {
                throw ProblemException.badRequest(
                        name, "unknown query parameter " + name + "; this route takes " + known);
            }
            if (given.size() > 1) {
                throw ProblemException.badRequest(name, name + " may be given once");
            }
        });
        return new QueryParams(values);
    }

    /** The value, or null if absent; an empty value is malformed. */
    String text(String name) {
        List<String> given = values.get(name);
        if (given == null) {
            return null;
        }
        if (given.getFirst().isBlank()) {
            throw ProblemException.badRequest(name, name + " must not be empty");
        }
        return given.getFirst();
    }

    /** A whole number from 1 up, or null if absent. */
    Integer positiveInt(String name) {
        return intBetween(name, null, 1, Integer.MAX_VALUE);
    }

    Integer intBetween(String name, Integer fallback, int min, int max) {
        String text = text(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ProblemException.badRequest(
                name,
                name + " must be a whole number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max)
                        + ", got '" + text + "'");
    }

    /** An ISO-8601 instant such as 2025-03-04T10:00:00Z, or null if absent. */
    Instant instant(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    name,
                    name + " must be an ISO-8601 instant such as 2025-03-04T10:00:00Z"
                            + " (an offset's '+' must be sent as %2B), got '" + text + "'");
        }
    }
}
