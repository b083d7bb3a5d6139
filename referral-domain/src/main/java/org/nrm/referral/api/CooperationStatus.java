package org.nrm.referral.api;

/**
 * The person's cooperation with the criminal investigation (CETS 197 Art.14(1)(b)): considering it (the reflection the
 * recovery period gives), cooperating, declined, or ended. Only {@link #COOPERATING} supports a residence permit on the
 * ground {@link PermitGround#INVESTIGATION_COOPERATION}.
 */
public enum CooperationStatus { CONSIDERING, COOPERATING, DECLINED, ENDED }
