package org.nrm.referral.api;

import java.time.LocalDate;

/**
 * The person's personal data as it travels inside events: names, birth date, the free-text narrative, and when their
 * exploitation started and ended (calendar dates of the person's life identify them as a birth date does: only the
 * bands derived from them at referral, {@link ExploitationDetails#ageAtExploitation()} and
 * {@link ExploitationDetails#duration()}, are kept in clear). Kept apart from the non-personal facts so it can be
 * encrypted with a key per person and erased (crypto-shredding) while the rest of the record stays readable. The two
 * exploitation dates are {@code null} when not given, and in every value sealed before they were kept here.
 */
public record PersonalDetails(String givenName, String familyName, LocalDate birthDate, String narrative,
                              LocalDate exploitationStartedOn, LocalDate exploitationEndedOn) {

    /** Without the dates of the exploitation (none given, or a value from before they were kept here). */
    public PersonalDetails(String givenName, String familyName, LocalDate birthDate, String narrative) {
        this(givenName, familyName, birthDate, narrative, null, null);
    }

    @Override
    public String toString() {
        // Never let personal data reach a log line through toString().
        return "PersonalDetails[redacted]";
    }
}
