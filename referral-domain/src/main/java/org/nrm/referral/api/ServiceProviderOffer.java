package org.nrm.referral.api;

import java.util.Set;

/**
 * What the jurisdiction's directory says of a service provider when a referral is made to it: its id, the agency whose
 * staff act for it (an agency of the jurisdiction or a registered partner organisation), the services it offers and
 * whether it takes children. Carried by the command only (the directory is configuration, not an event).
 */
public record ServiceProviderOffer(String providerId, String agency, Set<SupportNeed> services, boolean takesChildren) {
}
