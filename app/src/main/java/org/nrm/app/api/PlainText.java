package org.nrm.app.api;

/**
 * The one rule for free text the platform accepts: no control characters other than tab and line breaks (PostgreSQL
 * cannot store NUL; ESC, BEL and the others have no place in a note, a reason or a name). The API's parameters
 * ({@link InvalidParameter#text}) and the pages' forms ({@code FormErrors}) both apply it.
 */
public final class PlainText {

    private PlainText() {
    }

    /** Whether {@code value} holds a control character other than tab, line feed and carriage return. */
    public static boolean hasControlCharacter(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
