package org.nrm.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GatheredWritesTest {

    private static List<String> flattened(List<GatheredWrites.Statement> plan) {
        List<String> out = new ArrayList<>();
        for (GatheredWrites.Statement statement : plan) {
            for (Object[] arguments : statement.executions()) {
                out.add(statement.sql() + ":" + arguments[0]);
            }
        }
        return out;
    }

    @Test
    void writes_of_a_key_keep_their_order_and_same_sql_goes_together() {
        GatheredWrites writes = new GatheredWrites();
        // three cases interleaved as a store would give them
        writes.add("a", "insert", new Object[] {"a1"});
        writes.add("b", "insert", new Object[] {"b1"});
        writes.add("a", "decide", new Object[] {"a2"});
        writes.add("c", "insert", new Object[] {"c1"});
        writes.add("b", "close", new Object[] {"b2"});
        writes.add("a", "close", new Object[] {"a3"});
        writes.add("c", "decide", new Object[] {"c2"});
        writes.add("b", "reopen", new Object[] {"b3"});

        List<GatheredWrites.Statement> plan = writes.plan();
        assertThat(plan).extracting(GatheredWrites.Statement::sql)
                .containsExactly("insert", "decide", "close", "close", "reopen");
        assertThat(plan.get(0).executions()).extracting(arguments -> arguments[0]).containsExactly("a1", "b1", "c1");
        assertThat(plan.get(1).executions()).extracting(arguments -> arguments[0]).containsExactly("a2", "c2");

        // per key, the order the writes were gathered in
        Map<String, List<String>> perKey = new TreeMap<>();
        for (String write : flattened(plan)) {
            String value = write.substring(write.indexOf(':') + 1);
            perKey.computeIfAbsent(value.substring(0, 1), k -> new ArrayList<>()).add(value);
        }
        assertThat(perKey).isEqualTo(Map.of("a", List.of("a1", "a2", "a3"), "b", List.of("b1", "b2", "b3"),
                "c", List.of("c1", "c2")));
        assertThat(writes.plan()).isEmpty();
    }
}
