package org.nrm.referral.api;

import java.time.Instant;

/** The risk of return was assessed; HIGH blocks departure. */
public record ReturnRiskAssessed(String returnId, String caseId, ReturnRisk risk, PersonalText notes, Instant assessedAt) {
}
