package org.nrm.referral.api;

/** To whom a decision letter is addressed: the person, or the guardian of a child. */
public enum LetterAddressee { PERSON, GUARDIAN }
