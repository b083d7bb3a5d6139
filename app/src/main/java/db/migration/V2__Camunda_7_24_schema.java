package db.migration;

import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Camunda 7.24's own PostgreSQL create scripts, shipped in camunda-engine, run as a versioned migration so that
 * every table of the platform comes from one migration history (the engine starts with schema-update off).
 * An engine upgrade adds a migration that runs Camunda's upgrade script for that version.
 */
public class V2__Camunda_7_24_schema extends BaseJavaMigration {

    private static final List<String> SCRIPTS = List.of("engine", "history", "identity", "case.engine",
            "case.history", "decision.engine", "decision.history");

    @Override
    public void migrate(Context context) throws Exception {
        var populator = new ResourceDatabasePopulator();
        for (String script : SCRIPTS) {
            populator.addScript(new ClassPathResource(
                    "org/camunda/bpm/engine/db/create/activiti.postgres.create." + script + ".sql"));
        }
        populator.populate(context.getConnection());
    }
}
