package org.nrm.referral.api;

/**
 * What a person consents to: the referral into the mechanism (an adult's; a child needs none), sharing their personal
 * data with named agencies, and being handed over abroad (to another country's mechanism or services).
 */
public enum ConsentScope { REFERRAL, DATA_SHARING, HANDOVER_ABROAD }
