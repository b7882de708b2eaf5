package io.eventledger.projector.query;

import io.eventledger.platform.http.ProblemException;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** {@code ?from=yyyy-MM-dd&to=yyyy-MM-dd}, both days included, at most {@value #MAX_DAYS} days. */
record DayRange(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;

    static DayRange from(Context ctx) {
        LocalDate from = day(ctx, "from");
        LocalDate to = day(ctx, "to");
        if (to.isBefore(from)) {
            throw ProblemException.badRequest("to", "to (" + to + ") is before from (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw ProblemException.badRequest(
                    "to", "at most " + MAX_DAYS + " days at a time, got " + (ChronoUnit.DAYS.between(from, to) + 1));
        }
        return new DayRange(from, to);
    }

    private static LocalDate day(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest(name, name + " is required, as yyyy-MM-dd");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, name + " must be a date as yyyy-MM-dd, got '" + text + "'");
        }
    }
}
