package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.testing.WriteSide;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Authenticator;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keeps /openapi.json true: the app's registered routes and the document's operations are the same set,
 * with the same roles, and every reference in the document resolves. Built without servers: no route
 * touches the database while the app is assembled.
 */
class OpenApiTest {

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final DataSource NO_DATABASE = (DataSource) Proxy.newProxyInstance(
            OpenApiTest.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                throw new SQLException("no database in a unit test");
            });
    private final WriteSide writeSide = WriteSide.on(NO_DATABASE);
    private final Javalin app = CommandApi.create(
            new Authenticator(new TokenStore(NO_DATABASE)),
            writeSide.accounts(),
            writeSide.transfers(),
            NO_DATABASE,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private final JsonNode document = read(OpenApiRoutes.load());

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void documentsExactlyTheRegisteredRoutes() {
        Set<String> registered = registeredRoles().keySet();
        Set<String> documented = documentedRoles().keySet();

        assertThat(registered).as("registered but not in openapi.json").isSubsetOf(documented);
        assertThat(documented).as("in openapi.json but not registered").isSubsetOf(registered);
        assertThat(registered).contains("GET /accounts/{id}/statement", "GET /audit/verify", "GET /openapi.json");
    }

    @Test
    void documentsEachRoutesRolesAndWhetherItIsPublic() {
        Map<String, Set<String>> registered = registeredRoles();
        Map<String, Set<String>> documented = documentedRoles();
        registered.keySet().retainAll(documented.keySet()); // missing routes are the other test's finding

        assertThat(documented).containsAllEntriesOf(registered);
        operations()
                .forEach((route, operation) -> assertThat(
                                operation.path("security").toString())
                        .as(route)
                        .isEqualTo(documented.get(route).isEmpty() ? "[]" : "[{\"bearerAuth\":[]}]"));
    }

    @Test
    void everyReferenceResolvesAndItIsOpenApi31() {
        assertThat(document.path("openapi").textValue()).isEqualTo("3.1.0");
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs)
                .isNotEmpty()
                .allSatisfy(ref -> assertThat(document.at(ref.substring(1)).isMissingNode())
                        .as(ref)
                        .isFalse());
    }

    @Test
    void refusesTheDocumentWithoutAToken() throws Exception {
        app.start(0);
        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/openapi.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401); // OpenApiIT fetches it with a token
    }

    /** "GET /accounts/{id}" to the wire names of the roles that may call it (empty: public). */
    private Map<String, Set<String>> registeredRoles() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.getEndpoint())
                .filter(e -> e.getMethod().isHttpMethod())
                .collect(Collectors.toMap(
                        e -> e.getMethod().name() + " " + e.getPath(), OpenApiTest::roles, (a, b) -> a, TreeMap::new));
    }

    private Map<String, Set<String>> documentedRoles() {
        Map<String, Set<String>> roles = new TreeMap<>();
        operations()
                .forEach((route, operation) -> roles.put(
                        route,
                        StreamSupport.stream(operation.path("x-roles").spliterator(), false)
                                .map(JsonNode::textValue)
                                .collect(Collectors.toCollection(TreeSet::new))));
        return roles;
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().stream()
                        .filter(op -> METHODS.contains(op.getKey()))
                        .forEach(op -> operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue())));
        return operations;
    }

    private static Set<String> roles(Endpoint endpoint) {
        // our roles only: they say who may call; any other RouteRole a route might carry would not
        return endpoint.getRoles().stream()
                .filter(Role.class::isInstance)
                .map(r -> ((Role) r).wireName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").textValue());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static JsonNode read(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("openapi.json is not JSON", e);
        }
    }
}
