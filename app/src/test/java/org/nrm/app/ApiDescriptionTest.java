package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.workflow.tasks.TaskForms;
import org.nrm.workflow.TaskKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI description: public, complete against the controllers, valid, with roles, problems, completion bodies. */
class ApiDescriptionTest extends PlatformTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private JsonNode description() {
        Api.Response response = anonymous().get("/v3/api-docs");
        assertThat(response.status()).as("readable without signing in").isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.body();
    }

    @Test
    void every_handler_mapping_of_the_api_appears_with_its_method_and_nothing_else() {
        JsonNode paths = description().get("paths");
        Set<String> controllers = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("org.nrm.app.api")) {
                return;
            }
            for (String path : info.getPathPatternsCondition().getPatternValues()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                assertThat(methods).as(path + " declares its method").isNotEmpty();
                methods.forEach(m -> controllers.add(m.name() + " " + path));
            }
        });
        Set<String> described = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(controllers).hasSizeGreaterThan(40).contains("POST /api/tasks/{taskId}/complete",
                "GET /api/oversight/export/htcds", "PATCH /api/admin/shelters/{shelterId}");
        assertThat(described).isEqualTo(controllers);
    }

    @Test
    void the_description_is_valid_openapi_3_and_every_operation_names_its_roles_and_problems() {
        JsonNode doc = description();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(doc.toString(), null, options);
        assertThat(parsed.getMessages()).as("validation messages").isEmpty();
        assertThat(parsed.getOpenAPI()).isNotNull();
        List<String> missing = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode operation = op.getValue();
            String name = op.getKey() + " " + path.getKey();
            if (operation.path("x-nrm-roles").asText().isBlank()
                    || !operation.path("description").asText().contains("Who may call it")) {
                missing.add(name + ": roles");
            }
            if (!operation.path("responses").path("400").path("content").has("application/problem+json")
                    || !operation.path("responses").path("404").path("content").has("application/problem+json")) {
                missing.add(name + ": problem+json");
            }
            // an operation that takes a body says what a body too large gets, and only such an operation
            if (operation.has("requestBody") != operation.path("responses").has("413")) {
                missing.add(name + ": 413");
            }
        }));
        assertThat(missing).isEmpty();
        assertThat(doc.at("/paths/~1api~1referrals/post/x-nrm-roles").asText()).contains("first-responder");
        assertThat(doc.at("/paths/~1api~1oversight~1export~1htcds/get/x-nrm-roles").asText()).contains("OVERSIGHT");
        assertThat(doc.at("/paths/~1api~1referrals/post/requestBody/content/application~1json/schema/$ref").asText())
                .isNotBlank();
        assertThat(doc.at("/components/schemas/Problem/properties/field").isMissingNode()).isFalse();
    }

    /** Redocly CLI from the npm lock beside the tests ({@code app/src/test/js}), installed with npm ci when missing. */
    private static final java.nio.file.Path JS = java.nio.file.Path.of("src/test/js");
    private static final java.nio.file.Path REDOCLY = JS.resolve("node_modules/@redocly/cli/bin/cli.js");

    @Test
    void the_description_passes_a_real_openapi_linter_redocly_recommended_with_no_error() throws Exception {
        JsonNode doc = description();
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/openapi"));
        java.nio.file.Path file = dir.resolve("api-docs.json");
        java.nio.file.Files.writeString(file, doc.toPrettyString());
        if (!java.nio.file.Files.exists(REDOCLY)) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(JS.toFile())
                    .inheritIO().start();
            assertThat(npm.waitFor()).as("npm ci in " + JS.toAbsolutePath()).isZero();
        }
        ProcessBuilder lint = new ProcessBuilder("node", REDOCLY.toAbsolutePath().toString(), "lint",
                file.getFileName().toString(), "--extends=recommended", "--format=json")
                .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        // no telemetry, no update check: the linter only reads the file
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        lint.environment().put("REDOCLY_SUPPRESS_NOTIFICATIONS", "true");
        Process process = lint.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.substring(out.indexOf('{')));
        List<String> errors = new ArrayList<>();
        report.path("problems").forEach(p -> {
            if ("error".equals(p.path("severity").asText())) {
                errors.add(p.path("ruleId").asText() + " at " + p.path("location").path(0).path("pointer").asText()
                        + ": " + p.path("message").asText());
            }
        });
        assertThat(report.path("totals").path("errors").asInt()).as(String.join("\n", errors)).isZero();
        assertThat(errors).isEmpty();
        // the one warning left: the server URL is the one the request came to (localhost in the tests)
        List<String> warnings = new ArrayList<>();
        report.path("problems").forEach(p -> warnings.add(p.path("ruleId").asText()));
        assertThat(warnings).as("the linter's warnings").allMatch("no-server-example.com"::equals);
    }

    @Test
    void the_task_completion_body_has_one_schema_per_key_from_the_forms_the_completion_validates() {
        JsonNode doc = description();
        JsonNode schemas = doc.at("/components/schemas");
        JsonNode body = doc.at("/paths/~1api~1tasks~1{taskId}~1complete/post/requestBody/content/application~1json/schema"
                .replace("{taskId}", "{taskId}"));
        assertThat(body.path("anyOf").size()).isEqualTo(TaskKey.values().length);
        for (TaskKey key : TaskKey.values()) {
            JsonNode schema = schemas.get("TaskCompletion." + key.name());
            assertThat(schema).as(key.name()).isNotNull();
            assertThat(schema.at("/discriminator/propertyName").asText()).isEqualTo("outcome");
            TaskForms.Form form = TaskForms.of(key);
            assertThat(schema.get("oneOf").size()).isEqualTo(form.outcomes().size());
            for (TaskForms.Outcome outcome : form.outcomes()) {
                JsonNode variant = schemas.get("TaskCompletion." + key.name() + "." + outcome.value());
                assertThat(variant.at("/properties/outcome/enum/0").asText()).isEqualTo(outcome.value());
                assertThat(variant.get("additionalProperties").asBoolean(true)).isFalse();
                for (TaskForms.Field field : outcome.fields()) {
                    assertThat(variant.at("/properties/" + field.name()).isMissingNode()).as(field.name()).isFalse();
                    boolean required = false;
                    for (JsonNode r : variant.get("required")) {
                        required |= r.asText().equals(field.name());
                    }
                    assertThat(required).as(key + "." + outcome.value() + "." + field.name())
                            .isEqualTo(field.required());
                }
            }
        }
        assertThat(schemas.at("/TaskCompletion.RESIDENCE_PERMIT_DECISION.GRANTED/properties/validUntil/format")
                .asText()).isEqualTo("date");
    }

    @Test
    void what_an_operation_creates_is_described_as_201_and_the_statistics_period_says_to_is_not_counted() {
        JsonNode doc = description();
        for (String path : List.of("/api/referrals", "/api/admin/shelters")) {
            JsonNode responses = doc.at("/paths/" + path.replace("/", "~1") + "/post/responses");
            assertThat(responses.has("201")).as(path + " " + responses.fieldNames()).isTrue();
            assertThat(responses.has("200")).as(path).isFalse();
        }
        JsonNode parameters = doc.at("/paths/~1api~1oversight~1statistics/get/parameters");
        List<String> described = new ArrayList<>();
        parameters.forEach(p -> described.add(p.get("name").asText() + ": " + p.path("description").asText()));
        assertThat(described).anyMatch(d -> d.startsWith("to: ") && d.contains("not counted"))
                .anyMatch(d -> d.startsWith("format: ") && d.contains("csv"));
    }

    @Test
    void a_bodys_validity_checks_are_not_described_as_properties_of_the_body() {
        JsonNode schemas = description().at("/components/schemas");
        List<String> checks = new ArrayList<>();
        schemas.fields().forEachRemaining(schema -> schema.getValue().path("properties").fieldNames()
                .forEachRemaining(property -> {
                    if (property.endsWith("Valid")) {
                        checks.add(schema.getKey() + "." + property);
                    }
                }));
        assertThat(checks).as("@AssertTrue isXValid methods described as properties").isEmpty();
        assertThat(schemas.at("/Person/properties/citizenships").isMissingNode()).isFalse();
        assertThat(schemas.at("/Person/properties/birthDate").isMissingNode()).isFalse();
    }

    @Test
    void every_operation_describes_its_answer_and_every_body_it_takes_with_a_schema() {
        JsonNode doc = description();
        List<String> missing = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                return;
            }
            String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode operation = op.getValue();
            List<String> successes = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(status -> {
                if (status.startsWith("2")) {
                    successes.add(status);
                }
            });
            if (successes.isEmpty()) {
                missing.add(name + ": no success response");
            }
            for (String status : successes) {
                JsonNode content = operation.path("responses").path(status).path("content");
                if (!"204".equals(status) && (content.isMissingNode() || !content.elements().hasNext()
                        || content.elements().next().path("schema").isMissingNode())) {
                    missing.add(name + ": " + status + " without a schema");
                }
            }
            JsonNode body = operation.path("requestBody").path("content");
            if (!body.isMissingNode()) {
                body.fields().forEachRemaining(type -> {
                    if (type.getValue().path("schema").isMissingNode()) {
                        missing.add(name + ": request body " + type.getKey() + " without a schema");
                    }
                });
            }
        }));
        assertThat(missing).isEmpty();
    }

    @Test
    void the_task_queue_is_described_a_page_at_a_time_with_its_limit_cursor_and_next_page_headers() {
        JsonNode tasks = description().at("/paths/~1api~1tasks/get");
        List<String> parameters = tasks.path("parameters").findValuesAsText("name");
        assertThat(parameters).contains("caseId", "dueBefore", "childOnly", "assignee", "limit", "cursor");
        for (JsonNode parameter : tasks.path("parameters")) {
            if ("limit".equals(parameter.path("name").asText())) {
                assertThat(parameter.at("/schema/maximum").asInt()).isEqualTo(500);
                assertThat(parameter.path("description").asText()).contains("default 100");
            }
        }
        assertThat(tasks.at("/responses/200/headers/Link/description").asText()).contains("rel=\"next\"");
        assertThat(tasks.at("/responses/200/headers/Next-Cursor").isMissingNode()).isFalse();
        assertThat(tasks.path("description").asText()).contains("a page at a time");
    }

    @Test
    void the_ui_is_public_but_the_operations_it_describes_are_not() {
        assertThat(anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(anonymous().get("/swagger-ui.html").status()).isIn(200, 302);
        assertThat(anonymous().get("/api/oversight/export/htcds").status()).isEqualTo(401);
        assertThat(anonymous().post("/v3/api-docs", "{}").status()).isIn(401, 403, 404, 405);
    }

    @Test
    void the_api_answers_in_json_and_a_request_for_yaml_is_told_what_it_produces() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var yaml = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/tasks")).header("Accept", "application/yaml")
                        .header("Authorization", org.nrm.app.support.RawHttp.basic("police", "demo")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(yaml.statusCode()).as(yaml.body()).isEqualTo(406);
        assertThat(yaml.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(yaml.headers().firstValue("Accept").orElse("")).contains("application/json")
                .doesNotContain("yaml");
        // the description in YAML is written by the description itself, not by the API's converters
        var description = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                + port + "/v3/api-docs.yaml")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(description.body()).contains("openapi:");
    }

    @Test
    void a_body_that_is_not_a_problem_is_never_labelled_as_one() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        for (String accept : List.of("application/problem+json", "application/problem+json, application/json",
                "application/vnd.foo+json", "application/hal+json")) {
            var tasks = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                            + port + "/api/tasks")).header("Accept", accept)
                            .header("Authorization", org.nrm.app.support.RawHttp.basic("police", "demo")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(tasks.statusCode()).as(accept).isEqualTo(200);
            assertThat(tasks.headers().firstValue("Content-Type").orElse("")).as(accept)
                    .startsWith("application/json");
            // an error still is one
            var missing = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                            + port + "/api/cases/" + java.util.UUID.randomUUID())).header("Accept", accept)
                            .header("Authorization", org.nrm.app.support.RawHttp.basic("police", "demo")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).as(accept).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type").orElse("")).as(accept)
                    .startsWith("application/problem+json");
        }
        // outside the API the relabelling has no business: actuator answers in its own vendor type when asked for it
        String actuatorType = "application/vnd.spring-boot.actuator.v3+json";
        var health = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + port + "/actuator/health/liveness")).header("Accept", actuatorType).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type").orElse("")).startsWith(actuatorType);
    }
}
