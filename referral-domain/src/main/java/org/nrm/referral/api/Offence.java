package org.nrm.referral.api;

/** The offence suspects are charged with: trafficking in persons, or a related offence the prosecution chose. */
public enum Offence {
    TRAFFICKING_IN_PERSONS, SLAVERY_OR_SERVITUDE, FORCED_LABOUR, SEXUAL_EXPLOITATION, CHILD_SEXUAL_EXPLOITATION,
    SMUGGLING_OF_MIGRANTS, DOCUMENT_FRAUD, OTHER
}
