package org.nrm.projections.oversight;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small-cell suppression. Primary: any count from 1 to k-1 is withheld. Secondary: wherever published figures add up
 * to another figure (a breakdown's cells to its total, a table's cells to a figure of another table), what is withheld
 * must not be worked out from what is published: a sum's withheld figures are none, or at least two that together are
 * at least k (so no single one follows from the total, nor a small group of people from their sum), and a withheld
 * total keeps at least one of its parts withheld. Each time a sum breaks the rule the smallest of its published
 * non-zero parts is withheld too (its total when none is left), until every sum keeps it.
 */
public final class StatisticalDisclosureControl {

    /** One figure of a set of linked tables: its table and its category there. */
    public record Figure(String table, String category) {
    }

    /** Figures that add up to another: {@code total} = the sum of {@code parts}. */
    public record Sum(Figure total, List<Figure> parts) {
    }

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

    /**
     * A figure that is no sum of others but, beside them, would give {@code revealing} away (the backlog of positive
     * decisions still waiting is all of a first quarter's positive decisions): withheld whenever {@code revealing} is,
     * unless it is 0 (no one to describe).
     */
    public Cell withheldWith(Cell figure, Cell revealing) {
        Cell own = tooSmall(figure.raw()) ? figure.suppress() : figure;
        return revealing.suppressed() && figure.raw() > 0 ? figure.suppress() : own;
    }

    /** A breakdown whose cells add up to a published total (withheld itself when it is too small). */
    public List<Cell> breakdown(List<Cell> raw) {
        long sum = raw.stream().mapToLong(Cell::raw).sum();
        Map<String, List<Cell>> tables = new LinkedHashMap<>();
        tables.put("total", List.of(Cell.of("total", sum)));
        tables.put("cells", raw);
        return linked(tables, List.of(sumOf("total", "total", "cells", raw))).get("cells");
    }

    /** The sum of every cell of {@code table} ({@code cells}), equal to the figure {@code category} of {@code of}. */
    public static Sum sumOf(String of, String category, String table, List<Cell> cells) {
        return new Sum(new Figure(of, category), cells.stream().map(c -> new Figure(table, c.category())).toList());
    }

    /**
     * Tables whose figures add up as {@code sums} say, each suppressed so that no withheld figure follows from the
     * published ones of any of them; the tables come back in their order, each cell in its place.
     */
    public Map<String, List<Cell>> linked(Map<String, List<Cell>> tables, List<Sum> sums) {
        Map<Figure, Long> counts = new LinkedHashMap<>();
        tables.forEach((table, cells) -> cells.forEach(c -> counts.put(new Figure(table, c.category()), c.raw())));
        Set<Figure> withheld = new HashSet<>();
        counts.forEach((figure, n) -> {
            if (tooSmall(n)) {
                withheld.add(figure);
            }
        });
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Sum sum : sums) {
                Figure more = breaks(sum, counts, withheld);
                if (more != null) {
                    withheld.add(more);
                    changed = true;
                }
            }
        }
        Map<String, List<Cell>> out = new LinkedHashMap<>();
        tables.forEach((table, cells) -> {
            List<Cell> shown = new ArrayList<>();
            cells.forEach(c -> shown.add(withheld.contains(new Figure(table, c.category())) ? c.suppress() : c));
            out.put(table, shown);
        });
        return out;
    }

    /** The figure to withhold so that {@code sum} gives nothing withheld away, or null when it gives nothing. */
    private Figure breaks(Sum sum, Map<Figure, Long> counts, Set<Figure> withheld) {
        boolean totalWithheld = withheld.contains(sum.total());
        long hidden = 0;
        int unknown = 0;
        Figure smallest = null;
        for (Figure part : sum.parts()) {
            long n = counts.getOrDefault(part, 0L);
            if (withheld.contains(part)) {
                unknown++;
                hidden += n;
            } else if (n > 0 && (smallest == null || n < counts.get(smallest))) {
                smallest = part;
            }
        }
        boolean gives = totalWithheld
                ? unknown == 0 && counts.getOrDefault(sum.total(), 0L) > 0
                : unknown == 1 || (unknown > 1 && hidden < k);
        if (!gives) {
            return null;
        }
        return smallest != null ? smallest : totalWithheld ? null : sum.total();
    }
}
