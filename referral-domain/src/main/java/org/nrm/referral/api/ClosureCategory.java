package org.nrm.referral.api;

/** Why a case was closed (HTCDS reason for closure), for statistics. */
public enum ClosureCategory { INTEGRATED, RETURNED, RESETTLED, NEGATIVE_DECISION, LOST_CONTACT, WITHDRAWN, TRANSFERRED, DECEASED, OTHER }
