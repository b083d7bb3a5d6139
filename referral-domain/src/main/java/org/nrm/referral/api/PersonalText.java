package org.nrm.referral.api;

/**
 * Free text about the person (an assessment, an explanation) that may identify them: personal data, encrypted with the
 * person's key and erased with it.
 */
public record PersonalText(String text) {

    @Override
    public String toString() {
        return "PersonalText[redacted]";
    }
}
