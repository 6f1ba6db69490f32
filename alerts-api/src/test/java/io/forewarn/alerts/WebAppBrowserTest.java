package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web app in Debian's headless Chromium against the real API ({@link WebAppFixture}: embedded PostgreSQL with the
 * seed, embedded QuestDB with telemetry). Each test clicks through one flow and checks what the page shows; a
 * screenshot of each main step, and of the end state, is kept in {@code target/screenshots} (CI copies them to
 * {@code ci-artifacts/screenshots}). Without Chromium and its driver
 * the tests fail, naming the command that installs them: CI installs them (deploy/testenv/setup.sh).
 */
class WebAppBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path work;
    private static WebAppFixture fixture;
    private static WebDriver driver;
    private static String testName;
    private static int step;

    @BeforeAll
    static void start() throws Exception {
        requireBrowser();
        fixture = WebAppFixture.start("web_app", work.resolve("questdb"));
        // A recent prediction for the device chart's anomaly score and failure marker.
        insertPrediction("pred-web-1", SeedData.DEV_A1, "HP-200", "COMPRESSOR_WEAR", SeedData.NOW.minus(Duration.ofHours(5)),
                SeedData.NOW.plus(Duration.ofHours(4)));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    /** Fails (never skips) when the browser is missing, with the command that installs it. */
    static void requireBrowser() {
        List<String> missing = new ArrayList<>();
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                missing.add(program.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("the browser tests need Debian's Chromium and ChromeDriver; missing " + missing
                    + ". Install them with: apt-get install -y chromium chromium-driver"
                    + " (deploy/testenv/setup.sh does this for CI)");
        }
    }

    @BeforeEach
    void nameScreenshots(TestInfo test) {
        testName = test.getTestMethod().orElseThrow().getName();
        step = 0;
    }

    /** The end state, passed or failed. */
    @AfterEach
    void screenshot() throws IOException {
        if (driver != null) {
            save(SCREENSHOTS.resolve("WebAppBrowserTest-" + testName + ".png"));
        }
    }

    /** A screenshot of a main step of the flow, numbered in order: {@code WebAppBrowserTest-<test>-01-<what>.png}. */
    private static void shot(String what) throws IOException {
        save(SCREENSHOTS.resolve("WebAppBrowserTest-%s-%02d-%s.png".formatted(testName, ++step, what)));
    }

    private static void save(Path target) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aPlannerSeesTheSeededTicketOnTheBoardAssignsItAndItsStatusChanges() throws SQLException, IOException {
        login(SeedData.PLANNER_USER);

        WebElement card = waitFor(By.cssSelector("#board [data-ticket-id='tk-2']"));
        shot("board");
        // tk-2 is URGENT and its first response was due 19 hours ago.
        assertThat(card.getAttribute("data-sla-state")).isEqualTo("BREACHED");
        assertThat(card.getAttribute("class")).contains("breached");
        assertThat(card.getText()).contains("URGENT", "FILTER_CLOG", "OPEN", "respond: overdue");
        card.findElement(By.cssSelector("a.ticket-link")).click();

        awaitText(By.id("ticket-status"), "OPEN");
        assertThat(waitFor(By.id("model-version")).getText()).isEqualTo("iforest-v1");
        assertThat(waitFor(By.id("estimate-method")).getText()).isEqualTo("supervised model learned from past failures");
        assertThat(waitFor(By.id("prediction")).getText()).contains("vibration_rms");
        // Each evidence item says in words what it is compared with: the product model's range or the device's own.
        assertThat(driver.findElements(By.cssSelector("#prediction table.evidence tbody tr")))
                .extracting(row -> row.findElement(By.cssSelector("td")).getText() + ": "
                        + row.findElement(By.cssSelector("td.compared-with")).getText())
                .containsExactly("vibration_rms: the product model's healthy range", "fan_current: this device's usual range");
        shot("ticket");
        click(By.cssSelector("#assignment tr[data-technician-id='" + SeedData.TOM + "'] button.assign"));

        awaitText(By.id("ticket-status"), "ASSIGNED");
        awaitText(By.id("ticket-technician"), SeedData.TOM);
        assertThat(driver.findElement(By.id("history")).getText()).contains("OPEN → ASSIGNED");
        shot("assigned");
        click(By.linkText("← Board"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
                driver.findElement(By.cssSelector("#board [data-ticket-id='tk-2']")).getAttribute("data-status"))
                .isEqualTo("ASSIGNED"));
        assertThat(column("status", "tickets", "tk-2")).isEqualTo("ASSIGNED");
    }

    @Test
    void aTicketTheStreamJobWritesIntoPostgresAppearsOnTheOpenBoardWithoutAReload() throws SQLException, IOException {
        login(SeedData.PLANNER_USER);
        waitFor(By.cssSelector("#board [data-ticket-id]"));
        waitFor(By.cssSelector("#live-state.connected"));
        shot("board-before");
        ((JavascriptExecutor) driver).executeScript("window.forewarnSameDocument = 'yes';");

        Instant opened = SeedData.NOW.minus(Duration.ofMinutes(30));
        insertPrediction("pred-live-1", SeedData.DEV_A3, "AC-900", "REFRIGERANT_LEAK", opened, opened.plus(Duration.ofDays(2)));
        fixture.exec("INSERT INTO tickets (ticket_id, kind, device_id, product_model, failure_mode, prediction_id, priority,"
                + " status, opened_at, first_response_due, predicted_failure_at, service_charge, required_skill,"
                + " technician_actions, summary) VALUES ('tk-live-1', 'PREDICTED_FAILURE', ?, 'AC-900', 'REFRIGERANT_LEAK',"
                + " 'pred-live-1', 'HIGH', 'OPEN', ?, ?, ?, 'FREE', 'HVAC', '[\"find the leak\"]'::jsonb, 'refrigerant leak')",
                SeedData.DEV_A3, ts(opened), ts(opened.plus(Duration.ofHours(4))), ts(opened.plus(Duration.ofDays(2))));
        fixture.exec("INSERT INTO ticket_events (ticket_id, at, actor, from_status, to_status, note, dedupe_key)"
                + " VALUES ('tk-live-1', ?, 'forewarn-job', NULL, 'OPEN', 'opened by prediction pred-live-1', 'job:open:tk-live-1')",
                ts(opened));

        WebElement card = waitFor(By.cssSelector("#board [data-ticket-id='tk-live-1']"));
        assertThat(card.getAttribute("data-sla-state")).isEqualTo("ON_TRACK");
        assertThat(card.getText()).contains("HIGH", "REFRIGERANT_LEAK", "respond in 3 h");
        waitFor(By.cssSelector("#recent-predictions [data-prediction-id='pred-live-1']"));
        assertThat(((JavascriptExecutor) driver).executeScript("return window.forewarnSameDocument;")).isEqualTo("yes");
    }

    @Test
    void aCustomerSeesOnlyTheirOwnProductsInTheirLanguageAndRatesAFinishedVisit() throws SQLException, IOException {
        login(SeedData.ALICE_USER);

        waitFor(By.cssSelector("#my-devices [data-device-id]"));
        assertThat(attributes(By.cssSelector("#my-devices [data-device-id]"), "data-device-id"))
                .containsExactlyInAnyOrder(SeedData.DEV_A1, SeedData.DEV_A2, SeedData.DEV_A3);
        // Alice reads Chinese, as her notification preferences say.
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("我的产品");
        assertThat(attributes(By.cssSelector("#my-notices [data-ticket-id]"), "data-ticket-id"))
                .containsExactlyInAnyOrder("tk-1", "tk-2");
        assertThat(driver.findElement(By.id("my-notices")).getText()).contains("我们发现了什么", "预约服务");
        assertThat(driver.findElement(By.id("my-visits")).getText()).doesNotContain(SeedData.DEV_B1);
        shot("my-products");

        click(By.cssSelector("#my-visits [data-ticket-id='tk-4'] a.rate"));
        click(By.cssSelector("#survey-form input[name='csat'][value='4']"));
        click(By.cssSelector("#survey-form input[name='nps'][value='9']"));
        driver.findElement(By.cssSelector("#survey-form textarea[name='comment']")).sendKeys("技术人员很准时");
        click(By.id("survey-submit"));

        awaitText(By.id("survey-result"), "感谢您的评价。");
        shot("rated");
        assertThat(column("csat", "satisfaction_surveys", "tk-4")).isEqualTo("4");
        assertThat(column("nps", "satisfaction_surveys", "tk-4")).isEqualTo("9");
        assertThat(column("comment", "satisfaction_surveys", "tk-4")).isEqualTo("技术人员很准时");

        // Another customer's product is not there for her.
        driver.get(fixture.appUrl() + "#/device/" + SeedData.DEV_B1);
        awaitText(By.cssSelector("#view p.error"), "找不到，或您无权查看。");
        assertThat(driver.findElements(By.cssSelector("svg.telemetry-chart"))).isEmpty();
    }

    @Test
    void aCustomerFollowsTheNoticesLinkAcknowledgesItBooksAVisitAndRatesItOnceThePlannerResolvedTheTicket()
            throws Exception {
        // The booking link of the notice of tk-1 (Alice's heat pump, assigned to Tom), opened signed out.
        signedOut();
        driver.get(fixture.appUrl().replace("/app/", "/book?ticket=tk-1"));
        waitFor(By.id("username"));
        shot("link-asks-to-sign-in");
        signIn(SeedData.ALICE_USER);
        await().atMost(WAIT).until(() -> driver.getCurrentUrl().endsWith("#/book/tk-1"));

        // The notice, in Chinese, with "I've seen it".
        WebElement notice = waitFor(By.cssSelector("article.notice[data-reminder-id='rem-1']"));
        assertThat(notice.getText()).contains("Service due", "我们发现了什么", "我已知悉");
        shot("notice");
        click(By.cssSelector("article.notice[data-reminder-id='rem-1'] button.ack"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(driver.findElement(
                By.cssSelector("article.notice[data-reminder-id='rem-1'] .acknowledged")).getText()).startsWith("已于"));
        assertThat(column("acknowledged_by", "reminder_acknowledgements", "rem-1", "reminder_id"))
                .isEqualTo(SeedData.ALICE_USER);
        shot("acknowledged");

        // The first slot offered is Monday morning (the clock is at Sunday noon, Alice's time zone UTC), before the
        // failure predicted for Monday noon.
        assertThat(waitFor(By.cssSelector("#slots button.slot")).getAttribute("data-slot-start"))
                .isEqualTo("2025-06-02T09:00:00Z");
        assertThat(driver.findElement(By.id("booked-visit")).getText()).isEqualTo("尚未预约上门时间。");
        assertThat(driver.findElement(By.id("slots")).getText()).contains("上午 09:00–12:00", "在预计故障之前");
        shot("slots");
        click(By.cssSelector("#slots button.slot[data-slot-start='2025-06-02T09:00:00Z']"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
                driver.findElement(By.id("booking-result")).getText()).startsWith("预约成功").contains("上午 09:00–12:00"));
        // The booking's live event draws the section again: read it once it has settled.
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
                driver.findElement(By.id("booked-visit")).getText()).startsWith("您的预约：").contains("09:00–12:00"));
        assertThat(column("status", "bookings", "tk-1")).isEqualTo("BOOKED");
        assertThat(column("slot_window", "bookings", "tk-1")).isEqualTo("MORNING");
        shot("booked");

        // Her page lists the visit with its time, and the notice as seen.
        click(By.linkText("← 返回"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(driver.findElement(
                By.cssSelector("#my-visits [data-ticket-id='tk-1'] .booked-slot")).getText()).contains("上午 09:00–12:00"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(driver.findElement(
                By.cssSelector("#my-notices [data-reminder-id='rem-1'] .acknowledged")).getText()).startsWith("已于"));
        shot("my-visits");

        // The technician's visit is done: the planner records it through the API.
        String planner = token(SeedData.PLANNER_USER);
        assertThat(apiGet("/api/v1/tickets/tk-1/booking", planner).getJsonObject("slot").getString("start"))
                .isEqualTo("2025-06-02T09:00:00Z");
        move(planner, "tk-1", new JsonObject().put("status", "IN_PROGRESS"));
        move(planner, "tk-1", new JsonObject().put("status", "RESOLVED").put("outcome", "FAILURE_CONFIRMED"));

        // Live, without a reload, the visit is done and can be rated.
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(driver.findElement(
                By.cssSelector("#my-visits [data-ticket-id='tk-1'][data-status='RESOLVED']")).getText())
                .contains("已完成", "评价本次服务"));
        shot("resolved");
        click(By.cssSelector("#my-visits [data-ticket-id='tk-1'] a.rate"));
        click(By.cssSelector("#survey-form input[name='csat'][value='5']"));
        click(By.cssSelector("#survey-form input[name='nps'][value='10']"));
        click(By.id("survey-submit"));

        awaitText(By.id("survey-result"), "感谢您的评价。");
        assertThat(column("csat", "satisfaction_surveys", "tk-1")).isEqualTo("5");
        shot("rated");

        // The planner's ticket page shows the visit Alice booked, and her booking in the history.
        login(SeedData.PLANNER_USER);
        driver.get(fixture.appUrl() + "#/ticket/tk-1");
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
                driver.findElement(By.id("ticket-booking")).getText()).startsWith("2025-06-02 09:00–12:00 UTC by alice"));
        assertThat(driver.findElement(By.id("history")).getText())
                .contains("alice: ASSIGNED (tech-tom) — visit booked for 2025-06-02 09:00–12:00 UTC");
        shot("planner-sees-visit");
    }

    @Test
    void theDevicePageDrawsTheSeededTelemetryAsSvgPathsWithTheAnomalyScore() throws IOException {
        login(SeedData.PLANNER_USER);
        waitFor(By.cssSelector("#board"));
        driver.get(fixture.appUrl() + "#/device/" + SeedData.DEV_A1);

        WebElement mean = waitFor(By.cssSelector("svg.telemetry-chart[data-sensor='temperature'] path.mean"));
        String d = mean.getAttribute("d");
        assertThat(d).startsWith("M");
        // One point per five-minute bucket over the seeded 20 hours.
        assertThat(d.chars().filter(c -> c == 'L').count()).isGreaterThan(200);
        assertThat(driver.findElement(By.cssSelector("svg.telemetry-chart[data-sensor='temperature'] path.band"))
                .getAttribute("d")).endsWith("Z");
        waitFor(By.cssSelector("svg.telemetry-chart[data-sensor='vibration_rms'] path.mean"));
        shot("charts");
        assertThat(driver.findElements(By.cssSelector("#anomaly-scores circle.score-point"))).hasSize(1);
        // The predicted failure, 4 hours ahead, is marked on the time axis.
        assertThat(driver.findElements(By.cssSelector("svg.telemetry-chart line.marker"))).isNotEmpty();
    }

    @Test
    void theKpiPageShowsThePeriodsFiguresWithTheirTrend() throws IOException {
        login(SeedData.PLANNER_USER);
        waitFor(By.cssSelector("#board"));
        driver.get(fixture.appUrl() + "#/kpis");
        waitFor(By.cssSelector("#kpis [data-kpi='ticketsOpened']"));
        shot("kpis-today");
        // The seeded tickets were opened in the days before SeedData.NOW.
        ((JavascriptExecutor) driver).executeScript("const day = document.getElementById('kpi-end');"
                + " day.value = arguments[0]; day.dispatchEvent(new Event('change'));", SeedData.NOW.toString().substring(0, 10));

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(Integer.parseInt(driver.findElement(
                By.cssSelector("#kpis [data-kpi='ticketsOpened'] .kpi-value")).getText())).isGreaterThanOrEqualTo(5));
        assertThat(driver.findElements(By.cssSelector("#kpis .kpi"))).hasSize(10);
        assertThat(driver.findElement(By.cssSelector("#kpis [data-kpi='slaFirstResponse'] .kpi-value")).getText()).endsWith("%");
        assertThat(driver.findElement(By.cssSelector("#kpis [data-kpi='ticketsOpened'] svg.sparkline path.spark"))
                .getAttribute("d")).startsWith("M");
        assertThat(driver.findElements(By.cssSelector("#kpis svg.bars rect.bar"))).isNotEmpty();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static String token(String username) {
        HttpResponse<String> response = TestApi.get().postJson(fixture.api.port(), "/api/v1/auth/token",
                new JsonObject().put("username", username).put("password", SeedData.PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getString("token");
    }

    private static JsonObject apiGet(String path, String token) {
        HttpResponse<String> response = TestApi.get().send(HttpRequest.newBuilder(apiUri(path))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private static URI apiUri(String path) {
        return URI.create("http://127.0.0.1:" + fixture.api.port() + path);
    }

    /** Moves a ticket through the API as the holder of {@code token}, with its current version. */
    private static void move(String token, String ticketId, JsonObject transition) {
        String path = "/api/v1/tickets/" + ticketId;
        int version = apiGet(path, token).getInteger("version");
        HttpResponse<String> response = TestApi.get().send(HttpRequest.newBuilder(apiUri(path + "/transitions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("If-Match", "\"" + version + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(transition.encode()))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Signs in from a fresh page: no token or language left over from the previous test. */
    private static void login(String username) {
        signedOut();
        driver.get(fixture.appUrl() + "#/login");
        driver.navigate().refresh();
        signIn(username);
    }

    /** No token, language or page to return to left over from the previous test. */
    private static void signedOut() {
        driver.get(fixture.appUrl());
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); localStorage.clear();");
    }

    /** Fills in the sign-in page that is open. */
    private static void signIn(String username) {
        waitFor(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(SeedData.PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        await().atMost(WAIT).until(() -> !driver.getCurrentUrl().endsWith("#/login"));
    }

    private static WebElement waitFor(By by) {
        return await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(by), element -> element.isDisplayed());
    }

    private static void awaitText(By by, String text) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(driver.findElement(by).getText()).isEqualTo(text));
    }

    /** Clicks once the element is there; a page that re-renders meanwhile is tried again. */
    private static void click(By by) {
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            driver.findElement(by).click();
            return true;
        });
    }

    private static List<String> attributes(By by, String attribute) {
        return driver.findElements(by).stream().map(e -> e.getAttribute(attribute)).toList();
    }

    private static String column(String column, String table, String ticketId) throws SQLException {
        return column(column, table, ticketId, "ticket_id");
    }

    /** A column of the row whose {@code keyColumn} is {@code key} (names are the test's own, never input). */
    private static String column(String column, String table, String key, String keyColumn) throws SQLException {
        try (Connection c = fixture.dataSource.getConnection();
                PreparedStatement statement = c.prepareStatement(
                        "SELECT " + column + " FROM " + table + " WHERE " + keyColumn + " = ?")) {
            statement.setString(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void insertPrediction(String id, String device, String model, String mode, Instant detected,
            Instant failure) throws SQLException {
        fixture.exec("INSERT INTO predictions (prediction_id, device_id, product_model, failure_mode, detected_at,"
                + " estimated_failure_at, confidence, health_index, anomaly_score, threshold, model_version, estimate_method, evidence)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0.85, 0.35, 0.82, 0.6, 'iforest-v2', 'TREND_EXTRAPOLATION', '[]'::jsonb)",
                id, device, model, mode, ts(detected), ts(failure));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
