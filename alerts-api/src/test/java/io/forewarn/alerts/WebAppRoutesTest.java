package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The web app's routes outside the contract: its files at /app/, and the short links into it. */
class WebAppRoutesTest {
    private final TestApi api = TestApi.get();

    @Test
    void theAppIsServedFromTheClasspathWithAPolicyThatAllowsOnlyThisOrigin() {
        HttpResponse<String> index = api.get("/app/", null);

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(index.body()).contains("<script type=\"module\" src=\"js/app.js\">");
        assertThat(index.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(api.get("/app/js/app.js", null).headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    }

    @Test
    void theAppsFilesReferNoOtherOrigin() {
        for (String file : new String[] {"/app/", "/app/js/app.js", "/app/js/live.js", "/app/css/app.css"}) {
            assertThat(api.get(file, null).body()).as(file).doesNotContain("https://").doesNotContain("//cdn");
        }
    }

    @Test
    void shortLinksLeadIntoTheApp() {
        assertRedirect("/", "/app/");
        assertRedirect("/app", "/app/");
        // The booking link of customer notices.
        assertRedirect("/book?ticket=tk-1", "/app/#/book/tk-1");
        assertRedirect("/book?ticket=%3Cscript%3E", "/app/");
        assertRedirect("/book", "/app/");
    }

    @Test
    void aMissingFileOfTheAppIsAProblem404() {
        HttpResponse<String> missing = api.get("/app/js/nothing-here.js", null);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private void assertRedirect(String path, String location) {
        HttpResponse<String> response = api.get(path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).as(path).hasValue(location);
    }
}
