package org.nrm.projections.shelters;

/** A shelter's beds (public contract fields, plus the beds still free). */
public record ShelterView(String shelterId, String name, String type, int capacity, int occupied) {

    public int free() {
        return Math.max(0, capacity - occupied);
    }
}
