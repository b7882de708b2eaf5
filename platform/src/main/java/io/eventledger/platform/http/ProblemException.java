package io.eventledger.platform.http;

/** Thrown anywhere below a route to answer with a problem; the message is safe to show a client. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient java.util.Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, java.util.Map.of());
    }

    public ProblemException(Problem problem, java.util.Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = headers;
    }

    public Problem problem() {
        return problem;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(Problem.of(400, "invalid-request", "Invalid request", detail, field));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail, null));
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(
                Problem.of(503, "unavailable", "Service unavailable", detail, null),
                java.util.Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
}
