package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Triage turned the report into a referral: the case it became ({@code caseId}, {@code reference}). */
public record ReferPublicReport(@TargetAggregateIdentifier String reportId, String caseId, String reference,
                                String referringAgency) {
}
