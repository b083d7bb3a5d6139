package org.nrm.referral.api;

import java.time.Instant;

/**
 * The person's personal data was erased: it reads as erased everywhere from now on. The {@code ground} stays readable
 * (who erased, when and on which ground survives the erasure); the free-text {@code reason} is personal data, sealed
 * with the key the erasure destroys. Events stored before the ground existed read with a null ground.
 */
public record PersonalDataErased(String caseId, ErasureGround ground, PersonalText reason, Instant erasedAt) {
}
