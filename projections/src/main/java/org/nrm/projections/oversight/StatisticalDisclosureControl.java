package org.nrm.projections.oversight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Small-cell suppression. Primary: any count from 1 to k-1 is withheld. Secondary: when a breakdown withholds exactly
 * one cell, the next smallest non-zero cell is withheld too, so the total cannot give the small one away.
 */
public final class StatisticalDisclosureControl {

    private final int k;

    public StatisticalDisclosureControl(int k) {
        this.k = k;
    }

    public int threshold() {
        return k;
    }

    public boolean tooSmall(long count) {
        return count > 0 && count < k;
    }

    public Cell single(String category, long count) {
        Cell cell = Cell.of(category, count);
        return tooSmall(count) ? cell.suppress() : cell;
    }

    public List<Cell> breakdown(List<Cell> raw) {
        List<Cell> cells = new ArrayList<>();
        int suppressed = 0;
        for (Cell cell : raw) {
            if (tooSmall(cell.raw())) {
                cells.add(cell.suppress());
                suppressed++;
            } else {
                cells.add(cell);
            }
        }
        if (suppressed == 1) {
            raw.stream().filter(c -> c.raw() >= k).min(Comparator.comparingLong(Cell::raw)).ifPresent(smallest -> {
                int at = raw.indexOf(smallest);
                cells.set(at, smallest.suppress());
            });
        }
        return cells;
    }
}
