package org.nrm.referral.api;

/**
 * Free text about the person (a decision's reasons, an explanation, an assessment, notes, a receiving organisation)
 * that may identify them: personal data, encrypted with the person's key, withheld from oversight and erased with
 * the key. Every free-text field of an event is a {@code PersonalText}; a plain {@code String} in an event is a
 * code or an identifier (an architecture test holds the list).
 */
public record PersonalText(String text) {

    /** The text as personal data; null stays null (an optional field left out). */
    public static PersonalText of(String text) {
        return text == null ? null : new PersonalText(text);
    }

    /** The text, or null for null. */
    public static String textOf(PersonalText value) {
        return value == null ? null : value.text();
    }

    @Override
    public String toString() {
        return "PersonalText[redacted]";
    }
}
