package org.nrm.referral.api;

/** Which decision a decision letter tells the person about. */
public enum DecisionLetterKind { REASONABLE_GROUNDS, CONCLUSIVE_GROUNDS, RECONSIDERATION }
