package org.nrm.referral.api;

/** Where the prosecution stands: charged and awaiting trial, or the court's verdict. */
public enum Verdict { PENDING, CONVICTED, ACQUITTED }
