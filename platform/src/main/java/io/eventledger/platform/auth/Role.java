package io.eventledger.platform.auth;

import io.javalin.security.RouteRole;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles a bearer token carries (docs/http-api.md says what each may do). A route lists the roles that
 * may call it; {@code admin} may call everything.
 */
public enum Role implements RouteRole {
    OPERATOR,
    APPROVER,
    AUDITOR,
    READER,
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text + "'; known: "
                    + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")));
        }
    }

    /** Parses "r1,r2". */
    public static Set<Role> parseList(String csv) {
        return Arrays.stream(csv.split(","))
                .filter(s -> !s.isBlank())
                .map(Role::parse)
                .collect(Collectors.toUnmodifiableSet());
    }
}
