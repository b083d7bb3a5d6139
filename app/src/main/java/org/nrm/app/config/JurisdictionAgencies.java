package org.nrm.app.config;

import java.util.List;
import org.nrm.referral.api.AgencyRole;
import org.nrm.workflow.AgencyDirectory;
import org.springframework.stereotype.Component;

/** The mechanism's agencies by part, from {@code nrm.jurisdiction.agencies}. */
@Component
class JurisdictionAgencies implements AgencyDirectory {

    private final JurisdictionProperties jurisdiction;

    JurisdictionAgencies(JurisdictionProperties jurisdiction) {
        this.jurisdiction = jurisdiction;
    }

    @Override
    public List<String> playing(AgencyRole role) {
        return jurisdiction.agencies().entrySet().stream().filter(entry -> entry.getValue().contains(role))
                .map(java.util.Map.Entry::getKey).sorted().toList();
    }
}
