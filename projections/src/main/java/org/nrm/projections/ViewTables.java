package org.nrm.projections;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which tables answer reads of the case views. Normally the live ones; while the case views are rebuilt from the
 * events, a snapshot of them taken just before, so readers never see a half-built view.
 */
@Component
public class ViewTables {

    private static final List<String> TABLES = List.of("case_view", "reconsideration_fact", "deadline_breach_fact");

    private final JdbcTemplate jdbc;

    public ViewTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean servingSnapshot() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT snapshot FROM view_serving WHERE view_name = 'case-views'", Boolean.class));
    }

    /** {@code sql} with the case-view tables replaced by the ones that currently answer reads. */
    public String rewrite(String sql) {
        return reader().apply(sql);
    }

    /**
     * Rewrites SQL for the tables that answer reads now; a request that runs several queries asks once and keeps the
     * answer, so all its figures come from the same tables.
     */
    public java.util.function.UnaryOperator<String> reader() {
        if (!servingSnapshot()) {
            return sql -> sql;
        }
        return sql -> {
            String rewritten = sql;
            for (String table : TABLES) {
                rewritten = rewritten.replaceAll("\\b" + table + "\\b", table + "_serving");
            }
            return rewritten;
        };
    }

    /** Copies the live tables and points readers at the copy. */
    public void serveSnapshot() {
        for (String table : TABLES) {
            jdbc.execute("DROP TABLE IF EXISTS " + table + "_serving");
            jdbc.execute("CREATE TABLE " + table + "_serving AS TABLE " + table);
        }
        jdbc.execute("CREATE INDEX ON case_view_serving (case_id)");
        jdbc.update("UPDATE view_serving SET snapshot = TRUE, since = now() WHERE view_name = 'case-views'");
    }

    /** Points readers back at the live tables and drops the copy. */
    public void serveLive() {
        jdbc.update("UPDATE view_serving SET snapshot = FALSE, since = now() WHERE view_name = 'case-views'");
        for (String table : TABLES) {
            jdbc.execute("DROP TABLE IF EXISTS " + table + "_serving");
        }
    }
}
