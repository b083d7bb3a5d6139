package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Identification screening adds to or corrects the exploitation types, location and indicators; with
 * {@code exploitationDetails} it replaces the circumstances recorded at referral too (null: they stay as they are, and
 * must still agree with the corrected exploitation).
 */
public record UpdateIdentification(@TargetAggregateIdentifier String caseId, Exploitation exploitation,
                                   ExploitationDetails exploitationDetails) {

    public UpdateIdentification(String caseId, Exploitation exploitation) {
        this(caseId, exploitation, null);
    }
}
