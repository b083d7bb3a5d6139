package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A signed handover package of the case is issued for another country's mechanism. The handler answers whether the
 * person's personal data may go with it (consent to handover abroad in force, nothing erased).
 */
public record RecordHandoverExport(@TargetAggregateIdentifier String caseId, String packageId, String keyId) {
}
