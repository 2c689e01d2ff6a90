package org.pactum.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks every REST Assured exchange in the suite against openapi/openapi.yaml: path, method,
 * parameters, request and response bodies, status codes and media types. A request the contract
 * calls invalid is allowed only if Pactum refused it with a 4xx (tests send bad input on purpose);
 * a response the contract does not describe always fails the test. Only {@code /api/} paths are the
 * contract's; {@code /q/} and {@code /console} are not in it.
 */
public final class ContractValidation implements OrderedFilter {

    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30()).build();

    /**
     * The validator reads OpenAPI 3.0 schemas; the contract is 3.1. The 3.1 constructs it uses are
     * rewritten to their exact 3.0 equivalents ({@code type: [T, 'null']} is {@code type: T,
     * nullable: true}; a {@code {type: 'null'}} alternative makes its parent nullable), so nothing
     * is checked less strictly than the contract says.
     */
    static String asOpenApi30() {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            ObjectNode spec =
                    (ObjectNode) yaml.readTree(Path.of("openapi", "openapi.yaml").toFile());
            spec.put("openapi", "3.0.3");
            ((ObjectNode) spec.path("info")).remove("summary");
            ((ObjectNode) spec.path("info").path("license")).remove("identifier");
            downgrade(spec);
            return new ObjectMapper().writeValueAsString(spec);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void downgrade(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode type = o.get("type");
            if (type instanceof ArrayNode types) {
                List<String> named = new ArrayList<>();
                types.forEach(t -> named.add(t.asText()));
                if (named.remove("null")) {
                    o.put("nullable", true);
                }
                if (named.size() != 1) {
                    throw new IllegalStateException(
                            "A union of types has no OpenAPI 3.0 form: " + named);
                }
                o.put("type", named.get(0));
            }
            for (String combiner : List.of("oneOf", "anyOf")) {
                if (o.get(combiner) instanceof ArrayNode alternatives) {
                    for (int i = alternatives.size() - 1; i >= 0; i--) {
                        if ("null".equals(alternatives.get(i).path("type").asText(null))) {
                            alternatives.remove(i);
                            o.put("nullable", true);
                        }
                    }
                }
            }
            o.elements().forEachRemaining(ContractValidation::downgrade);
        } else if (node instanceof ArrayNode a) {
            a.forEach(ContractValidation::downgrade);
        }
    }

    /** Installs the filter on REST Assured's global configuration, once per class loader. */
    public static void install() {
        boolean present =
                RestAssured.filters().stream()
                        .anyMatch(
                                f ->
                                        f.getClass()
                                                .getName()
                                                .equals(ContractValidation.class.getName()));
        if (!present) {
            RestAssured.filters(new ContractValidation());
        }
    }

    @Override
    public int getOrder() {
        return OrderedFilter.LOWEST_PRECEDENCE;
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request,
            FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        String path = request.getDerivedPath();
        if (path == null || !path.startsWith("/api/")) {
            return response;
        }
        ValidationReport report =
                VALIDATOR.validate(
                        RestAssuredRequest.of(request), RestAssuredResponse.of(response));
        boolean refused = response.statusCode() >= 400 && response.statusCode() < 500;
        List<ValidationReport.Message> violations =
                report.getMessages().stream()
                        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                        .filter(m -> !(refused && m.getKey().startsWith("validation.request")))
                        .toList();
        if (!violations.isEmpty()) {
            throw new AssertionError(
                    "The exchange "
                            + request.getMethod()
                            + " "
                            + path
                            + " -> "
                            + response.statusCode()
                            + " "
                            + response.getContentType()
                            + " breaks openapi/openapi.yaml:\n"
                            + violations.stream()
                                    .map(m -> "  " + m.getKey() + ": " + m.getMessage())
                                    .collect(Collectors.joining("\n")));
        }
        return response;
    }
}
