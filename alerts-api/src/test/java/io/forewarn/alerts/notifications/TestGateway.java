package io.forewarn.alerts.notifications;

import io.forewarn.alerts.notifications.channels.WebhookSignature;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server playing an SMS / app-push gateway: it verifies each call's signature as docs/notifications.md
 * tells gateway implementers to, answers with scripted statuses (then 200), and keeps what it accepted.
 */
final class TestGateway implements AutoCloseable {
    static final String SECRET = "gateway-secret-of-at-least-32-characters!";

    /** A call the gateway received, and whether its signature checked out. */
    record Call(JsonObject body, boolean signatureValid, String deliveryHeader, int answeredStatus) {}

    private final HttpServer server;
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile String okBody = "";

    private TestGateway(Vertx vertx) throws Exception {
        WebhookSignature signature = new WebhookSignature(SECRET);
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String text = body.toString();
            boolean valid = signature.verify(request.getHeader(WebhookSignature.TIMESTAMP_HEADER), text,
                    request.getHeader(WebhookSignature.SIGNATURE_HEADER));
            Integer scripted = script.poll();
            int status = !valid ? 401 : scripted == null ? 200 : scripted;
            calls.add(new Call(new JsonObject(text), valid, request.getHeader(WebhookSignature.DELIVERY_HEADER), status));
            var response = request.response().setStatusCode(status);
            if (status == 429) {
                response.putHeader("Retry-After", "120");
            }
            response.end(status == 200 ? okBody : "{\"error\":\"scripted " + status + "\"}");
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    static TestGateway start(Vertx vertx) throws Exception {
        return new TestGateway(vertx);
    }

    /** The next calls are answered with these statuses, in order; after them, 200. */
    void answerNext(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    /** What a 200 says; {@code {"status":"DELIVERED"}} confirms delivery. */
    void answerOkWith(String body) {
        okBody = body;
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/notices";
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() throws Exception {
        server.close().await(10, TimeUnit.SECONDS);
    }
}
