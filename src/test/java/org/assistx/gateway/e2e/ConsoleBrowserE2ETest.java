package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.partner.PartnerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium): it
 * leads with the partners (state, breaker, queued, last answer, certificate expiry) above the routes, finds a
 * verification by id and shows its trace and signed envelope, and replays the dead letters left by a real
 * partner outage, one from its row and one with the bulk form (partner, time range, reason). Skipped only when Chromium or its driver is absent
 * ({@code .ci/run} installs both). With {@code -Dassistx.screenshots=docs/img} it also saves a screenshot
 * of each page, as used in {@code docs/ops-runbook.md}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ConsoleBrowserE2ETest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

    private static PartnerSwitch partnerSwitch;
    private static WebDriver browser;
    private static Path profile;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        Path dir = GatewayTestSupport.freshDataDir(registry, "console");
        partnerSwitch = PartnerSwitch.copyPartners(dir);
        registry.add("assistx.partners.directory", () -> partnerSwitch.directory().toString());
        registry.add("assistx.ops.partner-probe-interval", () -> "PT0S");
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Chromium (" + CHROMIUM + ") and chromedriver (" + DRIVER + ") are needed for the browser test");
        profile = Files.createTempDirectory("assistx-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1440,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    PartnerRegistry partners;

    private TownshipClient township() {
        return new TownshipClient(port);
    }

    private String submit(String requestId, String idNumber, String name) {
        TownshipClient.Reply r = township().post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest(requestId, idNumber, name));
        assertThat(r.status()).isEqualTo(202);
        return r.body().path("verificationId").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> township().get("/api/v1/verifications/" + id, "610113001").body(),
                        b -> status.equals(b.path("status").asText()));
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** Clicks the element, finding it again if the overview's refresh replaced it meanwhile. */
    private void click(String css) {
        waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private WebElement visible(String css) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void screenshot(String name) throws IOException {
        String target = System.getProperty("assistx.screenshots");
        if (target == null || target.isBlank()) {
            return;
        }
        Path dir = Path.of(target);
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void anOperatorSeesRoutesAndPartnersFindsAVerificationAndReplaysADeadLetter() throws IOException {
        String answered = submit("console-1", "610104198503150029", "李四");
        awaitStatus(answered, "ANSWERED");
        String failed;
        String failedToo;
        try {
            partnerSwitch.down(partners);
            failed = submit("console-2", "610104199001011234", "张三");
            failedToo = submit("console-3", "610104197805200031", "王五");
            awaitStatus(failed, "UNDETERMINED");
            awaitStatus(failedToo, "UNDETERMINED");
        } finally {
            partnerSwitch.up(partners);
        }

        // Overview: the partners lead (state, breaker, queued, last answer, certificate expiry), then every route.
        browser.get("http://127.0.0.1:" + port + "/console");
        visible("[data-testid=partners-table] tr[data-partner-id='xian-county-bureaus']");
        WebElement firstTable = browser.findElements(By.cssSelector("#view table")).get(0);
        assertThat(firstTable.getAttribute("data-testid")).isEqualTo("partners-table");
        assertThat(firstTable.findElement(By.tagName("thead")).getText())
                .contains("Health", "Circuit breaker", "Queued", "Last answer", "Certificate expiry");
        String bureauRow = "[data-testid=partners-table] tr[data-partner-id='xian-county-bureaus'] ";
        assertThat(visible(bureauRow + "[data-col=breaker]").getText()).contains("Closed");
        assertThat(visible(bureauRow + "[data-col=queued]").getText()).matches("\\d+");
        assertThat(visible(bureauRow + "[data-col=last-answer]").getText()).matches("(?s)\\d{4}-\\d{2}-\\d{2} .*");
        assertThat(visible(bureauRow + "[data-col=certificate]").getText()).containsPattern("-?\\d+ d left");
        WebElement dispatch = visible("[data-testid=routes-table] tr[data-route-id='core-verification-dispatch']");
        assertThat(dispatch.getText()).contains("core-verification-dispatch", "Started");
        assertThat(browser.findElements(By.cssSelector("[data-testid=routes-table] tr[data-route-id]")))
                .hasSizeGreaterThanOrEqualTo(3);
        WebElement bureau = visible("[data-testid=partners-table] tr[data-partner-id='xian-county-bureaus']");
        assertThat(bureau.getText()).contains("SOAP", "6101");
        assertThat(bureau.getText()).containsAnyOf("Up", "Degraded");
        assertThat(visible("[data-testid=operator]").getText()).contains("demo-operator");
        screenshot("console-overview");

        // A partner is suspended from its row, with a reason, and resumed.
        String guangdong = "[data-testid=partners-table] tr[data-partner-id='guangdong-44']";
        click(guangdong + " [data-partner-action=suspend]");
        visible("#partner-reason").sendKeys("provincial system maintenance");
        visible("[data-testid=modal-confirm]").click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(guangdong), "Suspended"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(guangdong),
                "provincial system maintenance"));
        click(guangdong + " [data-partner-action=resume]");
        visible("[data-testid=modal-confirm]").click();
        waiting().until(ExpectedConditions.not(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(guangdong), "Suspended")));

        // Messages: find the answered verification by its id; the trace shows every hop.
        visible("[data-testid=nav-messages]").click();
        WebElement search = visible("[data-testid=search-input]");
        search.sendKeys(answered);
        visible("[data-testid=search-button]").click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=trace-status]"),
                "Answered"));
        assertThat(browser.findElements(By.cssSelector("[data-testid=trace] li[data-step]")).stream()
                .map(e -> e.getAttribute("data-step")).toList())
                .contains("ACCEPTED", "QUEUED", "SIGNED", "DELIVERY", "RECEIVED", "RESULT");
        assertThat(visible("[data-testid=trace-summary]").getText()).contains("Receiving", "610104********0029");
        screenshot("console-trace");
        visible("[data-testid=envelope-button]").click();
        WebElement envelope = visible("[data-testid=envelope-json]");
        assertThat(envelope.getText()).contains("VERIFICATION_REQUEST", "SM3withSM2", "610104********0029")
                .doesNotContain("610104198503150029");
        assertThat(visible("[data-testid=envelope-details]").getText()).contains("CN=gateway");
        screenshot("console-envelope");
        visible("[data-testid=modal-cancel]").click();

        // A search by ID number matches the masked form and lists results.
        browser.get("http://127.0.0.1:" + port + "/console/#messages");
        visible("[data-testid=search-button]").click();
        visible("[data-testid=results-table] tr[data-verification-id='" + failed + "']");
        screenshot("console-messages");

        // Dead letters: the failed verification is there with its reason; replay it.
        visible("[data-testid=nav-dead-letters]").click();
        WebElement row = visible("[data-testid=dead-letters-table] tr[data-verification='" + failed + "']");
        assertThat(row.getText()).contains("TRANSPORT_FAILED");
        screenshot("console-dead-letters");
        row.findElement(By.cssSelector("[data-testid=replay-button]")).click();
        visible("[data-testid=dl-reason]").sendKeys("county bureau is back");
        screenshot("console-replay-dialog");
        visible("[data-testid=modal-confirm]").click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=toast]"), failed));
        JsonNode replayed = awaitStatus(failed, "ANSWERED");
        assertThat(replayed.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("tr[data-verification='" + failed + "']")));

        // The other dead letter of the outage goes back in bulk: the partner, the last day, one reason.
        visible("[data-testid=dead-letters-table] tr[data-verification='" + failedToo + "']");
        new org.openqa.selenium.support.ui.Select(visible("[data-testid=bulk-partner]")).selectByValue("xian-county-bureaus");
        visible("[data-testid=bulk-reason]").sendKeys("county bureau outage over");
        screenshot("console-bulk-replay");
        visible("[data-testid=bulk-replay-button]").click();
        visible("[data-testid=modal-confirm]").click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=bulk-summary]"),
                "Matched 1, replayed 1, skipped 0."));
        awaitStatus(failedToo, "ANSWERED");
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("tr[data-verification='" + failedToo + "']")));

        // The record of operator actions names the replay.
        visible("[data-testid=nav-actions]").click();
        assertThat(visible("[data-testid=actions-table]").getText()).contains("DEAD_LETTER_REPLAY", "demo-operator",
                "DEAD_LETTER_BULK_REPLAY", "county bureau outage over");
        screenshot("console-actions");

        // Refusals are listed, and a hostile value in them is shown as text, never run as markup.
        String hostile = "<img src=x onerror=\"document.body.dataset.owned='yes'\">";
        assertThat(township().post("/api/v1/verifications", hostile, "{}").status()).isEqualTo(401);
        visible("[data-testid=nav-refusals]").click();
        assertThat(visible("[data-testid=refusals-table]").getText()).contains("UNAUTHENTICATED", "claimed:" + hostile);
        assertThat(browser.findElements(By.cssSelector("[data-testid=refusals-table] img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return document.body.dataset.owned || ''")).isEqualTo("");
        visible("[data-testid=nav-overdue]").click();
        visible("[data-testid=overdue-table-empty]");
        screenshot("console-overdue");

        // The labels switch to Chinese.
        visible("[data-testid=nav-overview]").click();
        visible("[data-testid=lang-toggle]").click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=nav-overview]"), "总览"));
        visible("[data-testid=routes-table] tr[data-route-id='core-verification-dispatch']");
        assertThat(((JavascriptExecutor) browser).executeScript("return document.documentElement.lang")).isEqualTo("zh-CN");
        screenshot("console-overview-zh");
    }
}
