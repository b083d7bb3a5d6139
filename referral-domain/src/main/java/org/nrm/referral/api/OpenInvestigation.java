package org.nrm.referral.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A criminal investigation was opened into the person's exploitation: by {@code investigatingAgency} (an agency's
 * code), under its file {@code reference}, on {@code openedOn}; {@code prosecutingAgency} (optional) is the
 * prosecution service that leads or will take the case.
 */
public record OpenInvestigation(@TargetAggregateIdentifier String caseId, String investigatingAgency,
                                String prosecutingAgency, String reference, LocalDate openedOn) {
}
