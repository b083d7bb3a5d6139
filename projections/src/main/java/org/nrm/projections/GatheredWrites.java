package org.nrm.projections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writes of one batch of events, sent to the database together when the batch commits instead of one round trip
 * per event. Each write names the row set it touches (for the case views: the case); writes of the same key keep
 * their order, writes of different keys touch different rows and commute. So the k-th write of every key forms layer
 * k, layers go in order, and inside a layer the writes with the same SQL go as one JDBC batch: a batch of a few
 * hundred events costs a handful of round trips.
 */
final class GatheredWrites {

    private record Write(String key, String sql, Object[] arguments) {
    }

    private final List<Write> writes = new ArrayList<>();

    void add(String key, String sql, Object[] arguments) {
        writes.add(new Write(key, sql, arguments));
    }

    /** One statement to send: its SQL and the arguments of each of its executions, in order. */
    record Statement(String sql, List<Object[]> executions) {
    }

    /** The statements to send, in order (see the class comment); the gathered writes are taken. */
    List<Statement> plan() {
        Map<String, Integer> written = new HashMap<>();
        List<Map<String, List<Object[]>>> layers = new ArrayList<>();
        for (Write write : writes) {
            int layer = written.merge(write.key(), 1, Integer::sum) - 1;
            if (layer == layers.size()) {
                layers.add(new LinkedHashMap<>());
            }
            layers.get(layer).computeIfAbsent(write.sql(), sql -> new ArrayList<>()).add(write.arguments());
        }
        writes.clear();
        List<Statement> plan = new ArrayList<>();
        for (Map<String, List<Object[]>> layer : layers) {
            layer.forEach((sql, executions) -> plan.add(new Statement(sql, executions)));
        }
        return plan;
    }

    /** Sends every gathered write: one round trip per planned statement. */
    void flush(JdbcTemplate jdbc) {
        for (Statement statement : plan()) {
            if (statement.executions().size() == 1) {
                jdbc.update(statement.sql(), statement.executions().get(0));
            } else {
                jdbc.batchUpdate(statement.sql(), statement.executions());
            }
        }
    }
}
