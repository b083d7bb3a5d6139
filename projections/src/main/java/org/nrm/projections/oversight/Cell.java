package org.nrm.projections.oversight;

/** One published figure: a count, or nothing when it is suppressed (too small a cell, or to protect one that is). */
public record Cell(String category, Long count, boolean suppressed) {

    public static Cell of(String category, long count) {
        return new Cell(category, count, false);
    }

    Cell suppress() {
        return new Cell(category, null, true);
    }

    long raw() {
        return count == null ? 0 : count;
    }
}
