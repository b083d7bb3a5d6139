package org.nrm.referral.api;

import java.time.Instant;

/**
 * An adult who did not consent to a referral: the mechanism is notified without any personal data
 * (duty to notify). It may become a case later, when the person consents.
 */
public record AnonymousNotificationMade(String caseId,
                                        String reference,
                                        String referringAgency,
                                        PersonProfile profile,
                                        Exploitation exploitation,
                                        boolean foreignNational,
                                        Instant notifiedAt) {
}
