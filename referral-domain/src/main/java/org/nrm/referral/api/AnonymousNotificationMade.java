package org.nrm.referral.api;

import java.time.Instant;

/**
 * An adult who did not consent to a referral: the mechanism is notified without any personal data
 * (duty to notify). It may become a case later, when the person consents. {@code exploitationDetails} is
 * {@code null} on notifications recorded before it was kept.
 */
public record AnonymousNotificationMade(String caseId,
                                        String reference,
                                        String referringAgency,
                                        PersonProfile profile,
                                        Exploitation exploitation,
                                        boolean foreignNational,
                                        Instant notifiedAt,
                                        ExploitationDetails exploitationDetails) {

    public AnonymousNotificationMade(String caseId, String reference, String referringAgency, PersonProfile profile,
                                     Exploitation exploitation, boolean foreignNational, Instant notifiedAt) {
        this(caseId, reference, referringAgency, profile, exploitation, foreignNational, notifiedAt, null);
    }

    /** The circumstances of the exploitation, none recorded for a notification from before they were kept. */
    public ExploitationDetails details() {
        return ExploitationDetails.orNone(exploitationDetails);
    }
}
