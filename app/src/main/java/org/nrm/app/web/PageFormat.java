package org.nrm.app.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.nrm.app.config.JurisdictionProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How the pages write times (in the jurisdiction's zone), time left until a deadline, and the labels of the
 * mechanism's codes (from the message bundle; a code without a translation is shown as readable words). Templates
 * reach it as {@code @pageFormat}.
 */
@Component("pageFormat")
public class PageFormat {

    private final ZoneId zone;
    private final Clock clock;
    private final MessageSource messages;

    public PageFormat(JurisdictionProperties jurisdiction, Clock clock, MessageSource messages) {
        this.zone = jurisdiction.zone();
        this.clock = clock;
        this.messages = messages;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Date and time in the jurisdiction's zone, e.g. "1 Dec 2026, 14:05". */
    public String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale())
                .withZone(zone).format(instant);
    }

    public String date(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).withZone(zone).format(instant);
    }

    /** The ISO form for a {@code <time datetime>} attribute. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public boolean overdue(Instant due) {
        return due != null && due.isBefore(now());
    }

    /** Whether a deadline falls within the next {@code days} days (and is not yet past). */
    public boolean dueWithin(Instant due, int days) {
        return due != null && !overdue(due) && due.isBefore(now().plus(Duration.ofDays(days)));
    }

    /** "in 3 days 4 hours", "in 5 hours", "2 days overdue". */
    public String timeLeft(Instant due) {
        if (due == null) {
            return "";
        }
        Duration left = Duration.between(now(), due);
        boolean late = left.isNegative();
        Duration amount = left.abs();
        long days = amount.toDays();
        long hours = amount.toHoursPart();
        long minutes = amount.toMinutesPart();
        String span;
        if (days > 0) {
            span = msg("time.daysHours", days, hours);
        } else if (hours > 0) {
            span = msg("time.hours", hours, minutes);
        } else {
            span = msg("time.minutes", Math.max(1, minutes));
        }
        return msg(late ? "time.overdue" : "time.left", span);
    }

    /** A code's label: the bundle's {@code prefix.CODE}, or the code as words ("FORCED_LABOUR" -> "Forced labour"). */
    public String label(String prefix, Object code) {
        if (code == null) {
            return "";
        }
        String text = code.toString();
        String words = text.replace('_', ' ').replace('-', ' ');
        words = words.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        words = words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
        return messages.getMessage(prefix + "." + text, null, words, locale());
    }

    /**
     * A value of an event's data as a reader wants it: a code (ALL_CAPS) gets its label, a list of codes each code's
     * label, an instant its date and time in the jurisdiction's zone, a date its local form; anything else as it is.
     */
    public String code(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > 1 && value.matches("[A-Z][A-Z0-9_]*")) {
            return label("code", value);
        }
        if (value.matches("[A-Z][A-Z0-9_]*(, [A-Z][A-Z0-9_]*)+")) {
            return String.join(", ", java.util.Arrays.stream(value.split(", ")).map(c -> label("code", c)).toList());
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})")) {
            try {
                return dateTime(java.time.OffsetDateTime.parse(value).toInstant());
            } catch (java.time.format.DateTimeParseException e) {
                return value;
            }
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale())
                        .format(java.time.LocalDate.parse(value));
            } catch (java.time.format.DateTimeParseException e) {
                return value;
            }
        }
        return value;
    }

    /**
     * A case's stage as the pages name it: the contract's stage, except that a case whose reasonable-grounds decision
     * was negative is not "awaiting" it any more (the API's stage stays {@code AWAITING_REASONABLE_GROUNDS} until the
     * reconsideration window closes the case or a reconsideration overturns the decision).
     */
    public String stage(org.nrm.projections.cases.CaseView view) {
        if (view == null) {
            return "";
        }
        if ("AWAITING_REASONABLE_GROUNDS".equals(view.stage()) && "NEGATIVE".equals(view.reasonableGrounds())) {
            return msg(view.reconsiderationPending() ? "stage.negativeReasonableGroundsReconsidered"
                    : "stage.negativeReasonableGrounds");
        }
        return label("stage", view.stage());
    }

    /**
     * The label of a fact of an event's data, keyed by its path ("person.givenName"): the bundle's {@code field.} label
     * of the whole path, else of its last segment ("Given name"), else the last segment as words.
     */
    public String factLabel(String key) {
        if (key == null) {
            return "";
        }
        String last = lastSegment(key);
        String own = messages.getMessage("field." + key, null, null, locale());
        return own != null ? own : label("field", last);
    }

    /**
     * A fact of an event's data as a reader wants it: yes for true, a country's or language's name for its ISO code,
     * an agency's name for its id, otherwise as {@link #code}.
     */
    public String fact(String key, String value) {
        if (value == null) {
            return null;
        }
        if ("true".equals(value)) {
            return msg("yes");
        }
        if ("false".equals(value)) {
            return msg("no");
        }
        String last = key == null ? "" : lastSegment(key).toLowerCase(Locale.ROOT);
        if (last.contains("countr") || last.contains("citizenship") || last.contains("nationalit")) {
            return eachOf(value, "[A-Z]{2}", code -> {
                String name = new Locale("", code).getDisplayCountry(locale());
                return name.isBlank() || name.equals(code) ? code : name;
            });
        }
        if (last.contains("language")) {
            return eachOf(value, "[a-z]{2,3}", code -> org.nrm.app.referral.IsoCodes.languageName(code, locale()));
        }
        if (last.contains("agenc") || last.equals("sharedwith")) {
            return eachOf(value, "[a-z0-9][a-z0-9-]*", agency -> label("agency", agency));
        }
        return code(value);
    }

    /** Each of a comma-separated list mapped when every item matches {@code pattern}; the value as it is otherwise. */
    private String eachOf(String value, String pattern, java.util.function.UnaryOperator<String> name) {
        String[] items = value.split(", ");
        if (!java.util.Arrays.stream(items).allMatch(item -> item.matches(pattern))) {
            return code(value);
        }
        return String.join(", ", java.util.Arrays.stream(items).map(name).toList());
    }

    private static String lastSegment(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
