package org.nrm.referral.api;

/** Ground of a residence permit for a victim (CETS 197 Art.14). */
public enum PermitGround { INVESTIGATION_COOPERATION, RECOVERY_NEEDS, COMPENSATION_CLAIM, PERSONAL_SITUATION }
