package io.eventledger.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.TokenStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Where {@link AuthorizationMatrixIT} looks for tokens that should not be there: the log and the token table. */
final class SecretChecks {

    private SecretChecks() {}

    /**
     * Requests the server logs a warning about (a body over 64 KiB, headers over 8 KiB), each carrying a
     * token, so the log check has lines to read from the paths where a request is dumped if anywhere.
     */
    static void provokeWarnings(ApiClient api, String token) throws Exception {
        String huge = "{\"reason\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertThat(api.post("/accounts", token, huge).statusCode()).isEqualTo(413);
        HttpRequest.Builder bigHeaders = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + TestLedger.service().port() + "/accounts"))
                .header("Authorization", "Bearer " + token)
                .header("X-Padding", "p".repeat(9000))
                .GET();
        assertThat(api.send(bigHeaders).statusCode()).isEqualTo(431);
    }

    /** Every column of every row, bytea as hex, holds no token; each token's row is found by its SHA-256. */
    static void assertStoredOnlyAsHashes(List<String> tokens) throws Exception {
        List<String> cells = new ArrayList<>();
        try (Connection c = TestLedger.db().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM ledger.api_tokens")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    cells.add(String.valueOf(rs.getString(i)));
                }
            }
        }
        assertThat(cells).isNotEmpty().allSatisfy(cell -> assertThat(tokens).noneMatch(cell::contains));
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            assertThat(TestLedger.count(
                            "SELECT count(*) FROM ledger.api_tokens WHERE token_hash = ?", TokenStore.hash(token)))
                    .isEqualTo(1);
        }
    }

    static String line(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getFormattedMessage()).append(event.getMDCPropertyMap());
        for (var cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            line.append(' ').append(cause.getMessage());
        }
        return line.toString();
    }

    /** Everything logged from here on, with the service's own loggers at DEBUG so their detail is seen too. */
    static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root().addAppender(appender);
        ((Logger) LoggerFactory.getLogger("io.eventledger")).setLevel(Level.DEBUG);
        return appender;
    }

    static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger("io.eventledger")).setLevel(null);
        root().detachAppender(appender);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
