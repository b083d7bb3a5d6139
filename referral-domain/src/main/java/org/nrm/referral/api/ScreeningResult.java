package org.nrm.referral.api;

/**
 * What a screening found indicators of: trafficking (the Protocol's article 3 elements), smuggling, both, or neither.
 * An aid offered to the decision maker, never a decision.
 */
public enum ScreeningResult { TRAFFICKING, SMUGGLING, BOTH, NEITHER }
