package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The running service serves the same document OpenApiTest checks, to any role. */
class OpenApiIT {

    @Test
    void servesTheDocumentToAnyRole() throws Exception {
        ApiClient api = new ApiClient(TestLedger.service().port());
        String token = new TokenStore(TestLedger.db()).create("openapi-reader", Set.of(Role.READER));

        HttpResponse<String> response = api.get("/openapi.json", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(Json.mapper().readTree(response.body()))
                .isEqualTo(Json.mapper().readTree(OpenApiRoutes.load()));
        assertThat(api.get("/openapi.json", null).statusCode()).isEqualTo(401);
    }
}
