package org.nrm.referral.api;

/** Why a child's guardian is replaced (Directive 2011/36/EU Art.14(2): conflict of interest, among others). */
public enum GuardianReplacementGround { CONFLICT_OF_INTEREST, UNSUITABLE, UNAVAILABLE, CHILDS_WISH, OTHER }
