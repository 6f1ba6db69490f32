package io.forewarn.alerts.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The web app: static files (HTML, CSS, JavaScript modules; no build step, nothing from a CDN) from the classpath
 * directory {@value #ROOT}, served at {@code /app/}, outside the OpenAPI contract. Also the short links into it:
 * {@code /} and {@code /app}, and {@code /book?ticket=...}, the booking link of customer notices.
 */
public final class WebApp {
    /** Where the files are, on the classpath. */
    public static final String ROOT = "webapp";
    /** Only the scripts, styles and API of this origin; no inline script, no framing. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private WebApp() {}

    /** Adds the app's routes to {@code router} (after the contract's, which they do not overlap). */
    public static Router mount(Router router) {
        router.get("/").handler(rc -> redirect(rc, "/app/"));
        // Vert.x matches "/app" with and without the trailing slash: only the bare one is sent on.
        router.get("/app").handler(rc -> {
            if (rc.request().path().equals("/app")) {
                redirect(rc, "/app/");
            } else {
                rc.next();
            }
        });
        router.get("/book").handler(WebApp::book);
        router.route("/app/*")
                .handler(WebApp::securityHeaders)
                .handler(StaticHandler.create(ROOT).setDefaultContentEncoding("UTF-8"));
        return router;
    }

    private static void securityHeaders(RoutingContext rc) {
        rc.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        rc.next();
    }

    /** A notice's booking link opens the customer's page for that ticket; anything else opens the app. */
    private static void book(RoutingContext rc) {
        String ticket = rc.queryParams().get("ticket");
        redirect(rc, ticket != null && TICKET_ID.matcher(ticket).matches()
                ? "/app/#/book/" + URLEncoder.encode(ticket, StandardCharsets.UTF_8)
                : "/app/");
    }

    private static void redirect(RoutingContext rc, String location) {
        rc.response().setStatusCode(302).putHeader("Location", location).end();
    }
}
