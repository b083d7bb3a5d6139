package org.nrm.referral.api;

import java.time.LocalDate;

/**
 * The person's personal data as it travels inside events: names, birth date and the free-text narrative.
 * Kept apart from the non-personal facts so it can be encrypted with a key per person and erased
 * (crypto-shredding) while the rest of the record stays readable.
 */
public record PersonalDetails(String givenName, String familyName, LocalDate birthDate, String narrative) {

    @Override
    public String toString() {
        // Never let personal data reach a log line through toString().
        return "PersonalDetails[redacted]";
    }
}
