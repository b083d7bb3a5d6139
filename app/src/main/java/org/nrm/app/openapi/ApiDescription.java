package org.nrm.app.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 description of the public REST API (springdoc: {@code /v3/api-docs}, {@code /swagger-ui.html}).
 * springdoc derives paths, parameters and schemas from the controllers; this adds what it cannot see: who may call
 * each operation ({@link EndpointRoles}, mirroring the security chain, as {@code x-nrm-roles} and in the
 * description), the problem+json errors every operation may answer, and the task completion body per task key
 * ({@link TaskCompletionSchemas}, built from the forms the completion validates against).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescription {

    static final String PROBLEM = "Problem";

    @Bean
    OpenApiCustomizer nrmApiDescription() {
        return openApi -> {
            openApi.info(new Info().title("National Referral Mechanism API").version("1")
                    .description("Referral, identification, support and oversight of victims of human trafficking. "
                            + "Every error is application/problem+json (RFC 9457) naming the field (`field`, `errors`) "
                            + "or the rule (`rule`). A case another agency holds reads as 404.")
                    .license(new License().name("Apache-2.0").identifier("Apache-2.0")));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components);
            components.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("Demo profile only: the demo users"));
            components.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("Production: an access token of the configured OpenID Connect issuer; roles from its "
                            + "claims"));
            components.addSchemas(PROBLEM, problemSchema());
            TaskCompletionSchemas.addTo(components);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String roles = EndpointRoles.of(method.name(), path);
                operation.addExtension("x-nrm-roles", roles);
                operation.addSecurityItem(new SecurityRequirement().addList("basic"));
                operation.addSecurityItem(new SecurityRequirement().addList("bearer"));
                String description = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
                operation.setDescription(description + "**Who may call it:** " + roles + ".");
                if (operation.getSummary() == null) {
                    operation.setSummary(method.name() + " " + path);
                }
                addProblems(operation, operation.getRequestBody() != null);
                if (method == PathItem.HttpMethod.GET && path.equals("/api/tasks")) {
                    describeTaskPages(operation);
                }
                if (method == PathItem.HttpMethod.POST && path.equals("/api/tasks/{taskId}/complete")) {
                    operation.requestBody(new RequestBody().required(true).description(TaskCompletionSchemas.DESCRIPTION)
                            .content(new Content().addMediaType("application/json",
                                    new MediaType().schema(TaskCompletionSchemas.anyKey()))));
                }
            }));
        };
    }

    /** The queue is read a page at a time: {@code limit}, {@code cursor}, and the next page in the headers. */
    private static void describeTaskPages(Operation operation) {
        operation.setDescription("The agency's open tasks, child cases first, then by due date (none last), a page at "
                + "a time: `limit` tasks (default 100, at most 500) after `cursor`. When more follow, the answer's "
                + "`Link` header names the next page (`rel=\"next\"`, the same filters) and `Next-Cursor` holds its "
                + "cursor; the last page has neither.\n\n" + operation.getDescription());
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(parameter -> {
                if ("limit".equals(parameter.getName())) {
                    parameter.description("tasks per page, 1 to 500 (default 100)");
                    parameter.schema(new Schema<>().type("integer").format("int32").minimum(
                            java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(500)));
                } else if ("cursor".equals(parameter.getName())) {
                    parameter.description("where the page starts: the `Next-Cursor` of the page before");
                }
            });
        }
        ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
        if (ok != null) {
            ok.addHeaderObject("Link", new io.swagger.v3.oas.models.headers.Header()
                    .description("`</api/tasks?...&cursor=...>; rel=\"next\"` when more tasks follow")
                    .schema(new Schema<>().type("string")));
            ok.addHeaderObject("Next-Cursor", new io.swagger.v3.oas.models.headers.Header()
                    .description("the cursor of the next page, when more tasks follow")
                    .schema(new Schema<>().type("string")));
        }
    }

    private static void addProblems(Operation operation, boolean takesBody) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.responses(responses);
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Bad input: problem+json naming the field (`field`, `errors`) or the rule (`rule`)");
        errors.put("401", "Not signed in");
        errors.put("403", "The caller's role may not call this operation");
        errors.put("404", "No such resource, or one the caller's agency is not involved in");
        errors.put("409", "A concurrent change or a state that forbids the step (`rule`)");
        if (takesBody) {
            errors.put("413", "The body is larger than the API takes (`limitBytes`, 2 MB by default)");
        }
        errors.put("503", "The database is unavailable; retry later");
        errors.forEach((status, text) -> {
            ApiResponse existing = responses.get(status);
            ApiResponse response = existing == null ? new ApiResponse().description(text) : existing;
            response.content(new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            responses.addApiResponse(status, response);
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        Schema problem = new Schema<>().type("object").description("RFC 9457 problem details");
        problem.addProperty("type", new Schema<>().type("string").format("uri"));
        problem.addProperty("title", new Schema<>().type("string"));
        problem.addProperty("status", new Schema<>().type("integer").format("int32"));
        problem.addProperty("detail", new Schema<>().type("string"));
        problem.addProperty("instance", new Schema<>().type("string"));
        problem.addProperty("field", new Schema<>().type("string").description("the first field refused"));
        problem.addProperty("rule", new Schema<>().type("string").description("the rule that refused the request"));
        Schema error = new Schema<>().type("object");
        error.addProperty("field", new Schema<>().type("string"));
        error.addProperty("message", new Schema<>().type("string"));
        problem.addProperty("errors", new Schema<>().type("array").items(error));
        return problem;
    }
}
