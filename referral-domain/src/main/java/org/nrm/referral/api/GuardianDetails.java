package org.nrm.referral.api;

/** The guardian appointed for a child: personal data (encrypted with the child's key, erased with it). */
public record GuardianDetails(String name) {

    @Override
    public String toString() {
        return "GuardianDetails[redacted]";
    }
}
