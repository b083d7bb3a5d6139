package org.nrm.referral.api;

/** Grounds on which protection from removal ends (UK NABA 2022 s.63). */
public enum DisqualificationGround { PUBLIC_ORDER, BAD_FAITH }
