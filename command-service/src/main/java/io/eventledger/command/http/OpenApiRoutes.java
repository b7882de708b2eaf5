package io.eventledger.command.http;

import io.eventledger.platform.auth.Role;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.json}: the OpenAPI 3.1 document of every route, kept true by {@code OpenApiTest}. */
public final class OpenApiRoutes {

    static final String RESOURCE = "/openapi.json";
    private final byte[] document;

    public OpenApiRoutes() {
        this.document = load();
    }

    public void register(Javalin app) {
        // any role may read it; only the health checks are public, so the API's shape is not
        // handed to callers who hold no token
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document), Role.values());
    }

    static byte[] load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
