package org.nrm.projections.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV for people who open it in a spreadsheet: RFC 4180 (Apache Commons CSV: CRLF records, a field with a comma,
 * quote, CR or LF quoted, quotes doubled) and formula neutralisation (OWASP "CSV injection"): a value that starts
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '}, so no
 * spreadsheet evaluates it. Numbers the platform writes itself (counts, years) go through {@link #number} and are
 * never prefixed.
 */
public final class SafeCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.MINIMAL).get();

    private final StringBuilder out = new StringBuilder();
    private final CSVPrinter printer;

    public SafeCsv(List<String> header) {
        try {
            printer = new CSVPrinter(out, FORMAT);
            printer.printRecord(header.stream().map(SafeCsv::neutralise).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One record; each value is text (neutralised) or a {@link Number} (written as is); null is empty. */
    public SafeCsv row(List<?> values) {
        try {
            printer.printRecord(values.stream().map(SafeCsv::cell).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        return neutralise(value.toString());
    }

    /** The text with a leading {@code '} when a spreadsheet would read it as a formula. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }
}
