package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
 * screenshot of the end state is kept in {@code target/screenshots} (a CI artifact). Without Chromium and its driver
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

    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        if (driver == null) {
            return;
        }
        Files.createDirectories(SCREENSHOTS);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve("WebAppBrowserTest-" + test.getTestMethod().orElseThrow().getName() + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
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
    void aPlannerSeesTheSeededTicketOnTheBoardAssignsItAndItsStatusChanges() throws SQLException {
        login(SeedData.PLANNER_USER);

        WebElement card = waitFor(By.cssSelector("#board [data-ticket-id='tk-2']"));
        // tk-2 is URGENT and its first response was due 19 hours ago.
        assertThat(card.getAttribute("data-sla-state")).isEqualTo("BREACHED");
        assertThat(card.getAttribute("class")).contains("breached");
        assertThat(card.getText()).contains("URGENT", "FILTER_CLOG", "OPEN", "respond: overdue");
        card.findElement(By.cssSelector("a.ticket-link")).click();

        awaitText(By.id("ticket-status"), "OPEN");
        assertThat(waitFor(By.id("model-version")).getText()).isEqualTo("iforest-v1");
        assertThat(waitFor(By.id("prediction")).getText()).contains("vibration_rms");
        click(By.cssSelector("#assignment tr[data-technician-id='" + SeedData.TOM + "'] button.assign"));

        awaitText(By.id("ticket-status"), "ASSIGNED");
        awaitText(By.id("ticket-technician"), SeedData.TOM);
        assertThat(driver.findElement(By.id("history")).getText()).contains("OPEN → ASSIGNED");
        click(By.linkText("← Board"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
                driver.findElement(By.cssSelector("#board [data-ticket-id='tk-2']")).getAttribute("data-status"))
                .isEqualTo("ASSIGNED"));
        assertThat(column("status", "tickets", "tk-2")).isEqualTo("ASSIGNED");
    }

    @Test
    void aTicketTheStreamJobWritesIntoPostgresAppearsOnTheOpenBoardWithoutAReload() throws SQLException {
        login(SeedData.PLANNER_USER);
        waitFor(By.cssSelector("#board [data-ticket-id]"));
        waitFor(By.cssSelector("#live-state.connected"));
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
    void aCustomerSeesOnlyTheirOwnProductsInTheirLanguageAndRatesAFinishedVisit() throws SQLException {
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

        click(By.cssSelector("#my-visits [data-ticket-id='tk-4'] a.rate"));
        click(By.cssSelector("#survey-form input[name='csat'][value='4']"));
        click(By.cssSelector("#survey-form input[name='nps'][value='9']"));
        driver.findElement(By.cssSelector("#survey-form textarea[name='comment']")).sendKeys("技术人员很准时");
        click(By.id("survey-submit"));

        awaitText(By.id("survey-result"), "感谢您的评价。");
        assertThat(column("csat", "satisfaction_surveys", "tk-4")).isEqualTo("4");
        assertThat(column("nps", "satisfaction_surveys", "tk-4")).isEqualTo("9");
        assertThat(column("comment", "satisfaction_surveys", "tk-4")).isEqualTo("技术人员很准时");

        // Another customer's product is not there for her.
        driver.get(fixture.appUrl() + "#/device/" + SeedData.DEV_B1);
        awaitText(By.cssSelector("#view p.error"), "找不到，或您无权查看。");
        assertThat(driver.findElements(By.cssSelector("svg.telemetry-chart"))).isEmpty();
    }

    @Test
    void theDevicePageDrawsTheSeededTelemetryAsSvgPathsWithTheAnomalyScore() {
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
        assertThat(driver.findElements(By.cssSelector("#anomaly-scores circle.score-point"))).hasSize(1);
        // The predicted failure, 4 hours ahead, is marked on the time axis.
        assertThat(driver.findElements(By.cssSelector("svg.telemetry-chart line.marker"))).isNotEmpty();
    }

    @Test
    void theKpiPageShowsThePeriodsFiguresWithTheirTrend() {
        login(SeedData.PLANNER_USER);
        waitFor(By.cssSelector("#board"));
        driver.get(fixture.appUrl() + "#/kpis");
        waitFor(By.cssSelector("#kpis [data-kpi='ticketsOpened']"));
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

    /** Signs in from a fresh page: no token or language left over from the previous test. */
    private static void login(String username) {
        driver.get(fixture.appUrl());
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.get(fixture.appUrl() + "#/login");
        driver.navigate().refresh();
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
        try (Connection c = fixture.dataSource.getConnection();
                PreparedStatement statement = c.prepareStatement(
                        "SELECT " + column + " FROM " + table + " WHERE ticket_id = ?")) {
            statement.setString(1, ticketId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void insertPrediction(String id, String device, String model, String mode, Instant detected,
            Instant failure) throws SQLException {
        fixture.exec("INSERT INTO predictions (prediction_id, device_id, product_model, failure_mode, detected_at,"
                + " estimated_failure_at, confidence, health_index, anomaly_score, threshold, model_version, evidence)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0.85, 0.35, 0.82, 0.6, 'iforest-v2', '[]'::jsonb)",
                id, device, model, mode, ts(detected), ts(failure));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
