package org.nrm.workflow;

import java.util.List;
import org.nrm.referral.api.AgencyRole;

/**
 * The jurisdiction's agencies by the part they play, for the steps the mechanism takes on its own (a notification
 * about a clock no task stands for). Supplied by the application from its configuration.
 */
public interface AgencyDirectory {

    /** The ids of the agencies that play {@code role}, in a stable order. */
    List<String> playing(AgencyRole role);
}
