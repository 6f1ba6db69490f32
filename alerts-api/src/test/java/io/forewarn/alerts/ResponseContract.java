package io.forewarn.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The responses the OpenAPI contract documents, to check the API's answers against: the server validates the
 * requests it gets, not what it answers.
 */
final class ResponseContract {
    private final OpenAPIContract contract;
    private final ResponseValidator validator;

    private ResponseContract(OpenAPIContract contract, ResponseValidator validator) {
        this.contract = contract;
        this.validator = validator;
    }

    static ResponseContract load(Vertx vertx) throws Exception {
        OpenAPIContract contract = AlertsApi.contract(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new ResponseContract(contract, ResponseValidator.create(vertx, contract));
    }

    /** The first example the document gives for component schema {@code name}. */
    JsonObject example(String name) {
        return contract.getRawContract().getJsonObject("components").getJsonObject("schemas").getJsonObject(name)
                .getJsonArray("examples").getJsonObject(0);
    }

    /** Why a JSON answer of {@code operationId} with {@code status} breaks the contract, or null when it keeps it. */
    String violation(String operationId, int status, String json) throws Exception {
        ValidatableResponse response = ValidatableResponse.create(status, Buffer.buffer(json), "application/json");
        try {
            validator.validate(response, operationId).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        }
    }
}
