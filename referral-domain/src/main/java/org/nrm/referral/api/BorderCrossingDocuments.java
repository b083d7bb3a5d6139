package org.nrm.referral.api;

/** The documents a person used to cross the border (an indicator immigration officers need). */
public enum BorderCrossingDocuments { OWN, FALSE, SOMEONE_ELSES, NONE, UNKNOWN }
