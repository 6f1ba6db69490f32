package io.forewarn.alerts.live;

import io.forewarn.alerts.auth.Caller;
import io.forewarn.alerts.auth.TokenIssuer;
import io.forewarn.alerts.http.RequestParams;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.APIKeyHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * {@code GET /api/v1/events}: live updates as server-sent events. A browser's EventSource cannot set headers, so
 * besides the bearer header this one operation accepts the same token as the {@code access_token} query parameter
 * (security scheme {@code accessToken} of the contract).
 */
public final class LiveRoutes {
    private final LiveEvents hub;
    private final TokenIssuer tokens;

    public LiveRoutes(LiveEvents hub, TokenIssuer tokens) {
        this.hub = hub;
        this.tokens = tokens;
    }

    public void mount(RouterBuilder builder) {
        builder.security("accessToken").apiKeyHandler(APIKeyHandler.create(tokens.verifier()));
        builder.getRoute("streamEvents").addHandler(this::stream);
    }

    private void stream(RoutingContext rc) {
        Caller caller = Caller.of(rc);
        RequestParams params = RequestParams.of(rc);
        // The header is what an EventSource sends when it reconnects; the parameter serves a client that reconnects itself.
        String lastEventId = rc.request().getHeader("Last-Event-ID");
        if (lastEventId == null) {
            lastEventId = params.query("lastEventId");
        }
        int maxEvents = params.queryInt("maxEvents", 0);
        new EventStream(hub, rc.vertx().getOrCreateContext(), rc.response(), caller,
                maxEvents > 0 ? maxEvents : null).open(lastEventId);
    }
}
