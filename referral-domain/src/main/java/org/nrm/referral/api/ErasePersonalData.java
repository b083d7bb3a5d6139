package org.nrm.referral.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The person's personal data is erased (crypto-shredding); the record of every step stays. */
public record ErasePersonalData(@TargetAggregateIdentifier String caseId, ErasureGround ground, String reason) {

    public ErasePersonalData(String caseId, String reason) {
        this(caseId, ErasureGround.OTHER, reason);
    }
}
