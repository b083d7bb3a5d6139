package org.nrm.referral.model;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.nrm.referral.api.ConsentScope;

/**
 * The consents in force on a case, as the aggregate knows them from its events: to referral, to sharing data with
 * named agencies (and which agencies withdrew from it), to handover abroad. The guards here are the rules later steps
 * check (a handover abroad asks {@link #requireHandoverAbroad()}).
 */
public final class Consents {

    private final Set<ConsentScope> inForce = EnumSet.noneOf(ConsentScope.class);
    private final Set<ConsentScope> everGiven = EnumSet.noneOf(ConsentScope.class);
    private final Set<String> sharingWith = new TreeSet<>();
    private final Set<String> sharingWithdrawn = new TreeSet<>();

    void given(Collection<ConsentScope> scopes, Collection<String> agencies) {
        inForce.addAll(scopes);
        everGiven.addAll(scopes);
        if (scopes.contains(ConsentScope.DATA_SHARING) && agencies != null) {
            sharingWith.addAll(agencies);
            sharingWithdrawn.removeAll(agencies);
        }
    }

    void withdrawn(ConsentScope scope, Collection<String> agencies) {
        if (scope != ConsentScope.DATA_SHARING) {
            inForce.remove(scope);
            return;
        }
        Set<String> ending = agencies == null || agencies.isEmpty() ? Set.copyOf(sharingWith) : Set.copyOf(agencies);
        sharingWith.removeAll(ending);
        sharingWithdrawn.addAll(ending);
        if (sharingWith.isEmpty()) {
            inForce.remove(ConsentScope.DATA_SHARING);
        }
    }

    public boolean inForce(ConsentScope scope) {
        return inForce.contains(scope);
    }

    public boolean everGiven(ConsentScope scope) {
        return everGiven.contains(scope);
    }

    /** Whether the person's data may be shared with the agency by their consent now. */
    public boolean sharesWith(String agency) {
        return sharingWith.contains(agency);
    }

    /** Whether the agency once had the person's consent to share data and it was withdrawn. */
    public boolean sharingWithdrawnFrom(String agency) {
        return sharingWithdrawn.contains(agency);
    }

    public Set<String> sharingAgencies() {
        return Set.copyOf(sharingWith);
    }

    public boolean mayHandOverAbroad() {
        return inForce(ConsentScope.HANDOVER_ABROAD);
    }

    /**
     * The guard of a handover abroad: the person's consent to it must be in force. Never given and withdrawn are
     * told apart by the rule's name.
     */
    public void requireHandoverAbroad() {
        if (mayHandOverAbroad()) {
            return;
        }
        if (everGiven(ConsentScope.HANDOVER_ABROAD)) {
            throw new CaseRuleViolation("handover-abroad-consent-withdrawn",
                    "The person withdrew their consent to a handover abroad; no handover may be made.");
        }
        throw new CaseRuleViolation("no-handover-abroad-consent",
                "The person has not consented to a handover abroad.");
    }
}
