package org.nrm.app.oversight;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The period of the oversight statistics and the trends, [from, to): ISO dates (UTC midnight); without either, the
 * current quarter (its dates as the jurisdiction's calendar has them today). Used by the API and the pages.
 */
public record ReportingPeriod(Instant from, Instant to) {

    /** A bound that breaks the schema, naming the parameter. */
    public static final class Invalid extends IllegalArgumentException {

        private final String field;

        Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public static ReportingPeriod of(String from, String to, ZoneId zone, java.time.Clock clock) {
        boolean noFrom = from == null || from.isBlank();
        boolean noTo = to == null || to.isBlank();
        if (noFrom && noTo) {
            return currentQuarter(zone, clock);
        }
        // a bound given is checked before a bound missing: its own error names it
        Instant start = noFrom ? null : moment("from", from);
        Instant end = noTo ? null : moment("to", to);
        if (noFrom || noTo) {
            String missing = noFrom ? "from" : "to";
            throw new Invalid(missing, "'" + missing + "' is required with '" + (noFrom ? "to" : "from")
                    + "': an ISO date (2026-01-01); leave both out for the current quarter.");
        }
        if (!end.isAfter(start)) {
            throw new Invalid("to", "'to' must be after 'from'.");
        }
        return new ReportingPeriod(start, end);
    }

    /** The quarter the jurisdiction's calendar is in today. */
    public static ReportingPeriod currentQuarter(ZoneId zone, java.time.Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate first = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        return new ReportingPeriod(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                first.plusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The first day of the period, and the last day in it (for date fields). */
    public LocalDate firstDay() {
        return LocalDate.ofInstant(from, ZoneOffset.UTC);
    }

    public LocalDate lastDay() {
        return LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
    }

    /** Instants the database can hold: years 1900 to 9999, as everywhere else in the API. */
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant moment(String field, String text) {
        Instant moment = parsed(field, text);
        if (moment.isBefore(EARLIEST) || moment.isAfter(LATEST)) {
            throw new Invalid(field, "'" + field + "' must lie between the years 1900 and 9999.");
        }
        return moment;
    }

    /**
     * A date, never a moment: figures are published for whole days, so that two periods cannot differ by a few
     * seconds, and the one referral made in between be described by subtracting their figures (found from outside).
     */
    private static Instant parsed(String field, String text) {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new Invalid(field, "'" + field + "' must be an ISO date (2026-01-01): figures are published for "
                    + "whole days, not for moments.");
        }
    }
}
