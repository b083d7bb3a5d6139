package org.nrm.referral.api;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The person gives consent, taken by {@code takenBy} (a case worker and the agency they act for): one or more scopes;
 * {@code sharingAgencies} names the agencies the person's data may be shared with (only with
 * {@link ConsentScope#DATA_SHARING}).
 */
public record RecordConsent(@TargetAggregateIdentifier String caseId, Set<ConsentScope> scopes,
                            Set<String> sharingAgencies, Actor takenBy) {
}
