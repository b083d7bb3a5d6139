package org.nrm.referral.api;

/** Why a negative decision should be looked at again. */
public enum ReconsiderationGround { NEW_EVIDENCE, GUIDANCE_NOT_FOLLOWED }
