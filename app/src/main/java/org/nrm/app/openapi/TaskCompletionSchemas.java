package org.nrm.app.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.List;
import org.nrm.workflow.tasks.TaskForms;
import org.nrm.workflow.TaskKey;

/**
 * The body of {@code POST /api/tasks/{taskId}/complete}, one schema per task key ({@code TaskCompletion.KEY}), each
 * a {@code oneOf} of its outcomes with {@code outcome} as discriminator ({@code TaskCompletion.KEY.OUTCOME}: the
 * outcome and the fields it takes, required or optional). Built from {@link TaskForms}, the same description of each
 * decision the completion validates against ({@code TaskDecisions}), so the description cannot offer a field the
 * completion would refuse.
 */
final class TaskCompletionSchemas {

    static final String DESCRIPTION = "The decision of the task. Its schema depends on the task's `key` (see "
            + "`GET /api/tasks`): `TaskCompletion.<key>`, whose `outcome` selects the fields it takes. A field "
            + "another outcome takes, or any other field, is refused 400 naming it.";

    private TaskCompletionSchemas() {
    }

    static String name(TaskKey key) {
        return "TaskCompletion." + key.name();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void addTo(Components components) {
        for (TaskKey key : TaskKey.values()) {
            TaskForms.Form form = TaskForms.of(key);
            if (form == null) {
                continue;
            }
            List<Schema> outcomes = new ArrayList<>();
            Discriminator discriminator = new Discriminator().propertyName("outcome");
            for (TaskForms.Outcome outcome : form.outcomes()) {
                String name = name(key) + "." + outcome.value();
                Schema schema = new Schema<>().type("object").additionalProperties(false)
                        .description(key.name() + " decided " + outcome.value());
                schema.addProperty("outcome", new Schema<String>().type("string")._enum(List.of(outcome.value())));
                List<String> required = new ArrayList<>(List.of("outcome"));
                for (TaskForms.Field field : outcome.fields()) {
                    schema.addProperty(field.name(), fieldSchema(field));
                    if (field.required()) {
                        required.add(field.name());
                    }
                }
                schema.required(required);
                components.addSchemas(name, schema);
                outcomes.add(new Schema<>().$ref("#/components/schemas/" + name));
                discriminator.mapping(outcome.value(), "#/components/schemas/" + name);
            }
            components.addSchemas(name(key), new Schema<>().oneOf(outcomes).discriminator(discriminator)
                    .description("Completion body of a " + key.name() + " task"));
        }
    }

    /** Any task's body: one of the per-key schemas (the task's key says which). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema anyKey() {
        List<Schema> keys = new ArrayList<>();
        for (TaskKey key : TaskKey.values()) {
            if (TaskForms.of(key) != null) {
                keys.add(new Schema<>().$ref("#/components/schemas/" + name(key)));
            }
        }
        return new Schema<>().anyOf(keys);
    }

    @SuppressWarnings("rawtypes")
    private static Schema fieldSchema(TaskForms.Field field) {
        return switch (field.type()) {
            case TEXT -> new Schema<String>().type("string").maxLength(200);
            case LONG_TEXT -> new Schema<String>().type("string").description("personal data: encrypted per person");
            case CHOICE -> new Schema<String>().type("string")._enum(field.choices());
            case DATE -> new Schema<String>().type("string").format("date");
        };
    }
}
