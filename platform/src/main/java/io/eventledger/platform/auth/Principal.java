package io.eventledger.platform.auth;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The caller, as the token says: the only source of {@code userId} and roles in event metadata. */
public record Principal(String userId, Set<Role> roles) {

    public Principal {
        roles = Set.copyOf(roles);
    }

    public boolean mayCall(Collection<? extends io.javalin.security.RouteRole> allowed) {
        return roles.contains(Role.ADMIN) || allowed.stream().anyMatch(roles::contains);
    }

    public List<String> roleNames() {
        return roles.stream().map(Role::wireName).sorted().toList();
    }
}
