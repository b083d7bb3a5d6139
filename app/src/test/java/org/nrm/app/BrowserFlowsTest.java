package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.nrm.app.support.Api;
import org.nrm.app.support.Browser;
import org.nrm.app.support.PlatformTest;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The platform's pages in a real browser (Debian's headless Chromium), as each kind of user uses them. Every page a
 * test passes through is checked with axe-core; the last page of each test is saved under target/screenshots/.
 */
class BrowserFlowsTest extends PlatformTest {

    private static Browser shared;

    @Autowired
    RepositoryService repository;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;
    private Browser browser;
    private String screenshot;

    @BeforeAll
    static void startBrowser() {
        shared = null;
    }

    @BeforeEach
    void freshBrowser(TestInfo test) {
        if (shared == null) {
            shared = new Browser(port);
        }
        browser = shared;
        browser.driver().manage().deleteAllCookies();
        browser.desktop();
        screenshot = test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void lastPage() {
        if (screenshot != null) {
            browser.screenshot(screenshot);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    @Test
    void a_police_officer_refers_a_person_through_the_form_and_the_competent_authority_decides_from_its_inbox() {
        browser.signIn("police");
        assertThat(browser.text("h1")).contains("Inbox");
        browser.assertAccessible();
        browser.clickLink("Refer a person");
        browser.assertAccessible();
        browser.field("givenName").sendKeys("Mai");
        browser.field("familyName").sendKeys("Tran");
        browser.field("birthDate").sendKeys("02031992");
        new Select(browser.field("gender")).selectByValue("FEMALE");
        browser.field("citizenships").sendKeys("VN");
        browser.field("languages").sendKeys("vie");
        browser.click("#type-FORCED_LABOUR");
        browser.click("#location-DOMESTIC");
        browser.click("#indicator-DEBT_BONDAGE");
        browser.click("#consent-yes");
        browser.click("#accommodation-yes");
        browser.field("narrative").sendKeys("Found working in a nail bar without pay");
        browser.click("form[action='/referrals'] button[type=submit]");

        assertThat(browser.text(".notice")).contains("is recorded");
        var found = java.util.regex.Pattern.compile("NRM-\\d+-\\d+").matcher(browser.text("h1"));
        assertThat(found.find()).isTrue();
        String reference = found.group();
        assertThat(browser.text(".person")).contains("Mai Tran");
        assertThat(browser.text(".timeline")).contains("Referral submitted").contains("police");
        browser.assertAccessible();
        browser.screenshot("police-case-after-referral");
        browser.signOut();

        browser.signIn("competent-authority");
        // the inbox is paged (a shared test database holds many tasks): the case is found by its reference
        browser.open("/inbox?reference=" + reference);
        browser.reloadUntil(() -> browser.source().contains(reference));
        WebElement task = browser.driver().findElements(By.cssSelector(".task")).stream()
                .filter(t -> t.getText().contains(reference)).findFirst().orElseThrow();
        assertThat(task.getText()).contains("Reasonable-grounds decision").contains("Not claimed");
        browser.assertAccessible();
        browser.screenshot("competent-authority-inbox");
        browser.click(task.findElement(By.cssSelector("button.claim")));
        assertThat(browser.text(".notice")).contains("claimed");
        browser.click(browser.driver().findElements(By.cssSelector(".task")).stream()
                .filter(t -> t.getText().contains(reference)).findFirst().orElseThrow()
                .findElement(By.cssSelector("a.case-link")));

        WebElement form = browser.find("article[data-task-key='reasonable-grounds-decision'] form.decision");
        assertThat(form.findElements(By.cssSelector("input[name=outcome]"))).extracting(e -> e.getAttribute("value"))
                .containsExactly("POSITIVE", "NEGATIVE");
        assertThat(form.findElements(By.cssSelector("[name]:not([type=hidden])")))
                .extracting(e -> e.getAttribute("name")).containsOnly("outcome", "reasons");
        browser.assertAccessible();
        form.findElement(By.cssSelector("input[value=POSITIVE]")).click();
        form.findElement(By.name("reasons")).sendKeys("Credible, consistent account");
        browser.click(form.findElement(By.cssSelector("button[type=submit]")));

        assertThat(browser.text(".notice")).contains("decision is recorded");
        assertThat(browser.text(".stage-badge")).isEqualTo("Recovery period");
        assertThat(browser.text(".timeline")).contains("Reasonable-grounds decision made").contains("competent-authority");
        assertThat(browser.text(".deadlines")).contains("Recovery period ends");
        assertThat(browser.find("a.letter-link").getText()).contains("Reasonable-grounds decision");
        browser.assertAccessible();

        // a case action of the competent authority: the recovery period's extension, first without its days
        browser.field("extension-reason").sendKeys("Needs more time to recover");
        browser.click("form[action$='/extension'] button[type=submit]");
        assertThat(browser.field("extension-days").findElement(By.xpath("..")).getText()).contains("number of days");
        assertThat(browser.field("extension-reason").getAttribute("value")).isEqualTo("Needs more time to recover");
        browser.assertAccessible();
        browser.field("extension-days").sendKeys("14");
        browser.click("form[action$='/extension'] button[type=submit]");
        assertThat(browser.text(".notice")).contains("recovery period is extended");
        assertThat(browser.text(".timeline")).contains("Recovery period extended");
    }

    @Test
    void a_form_with_an_invalid_field_shows_the_message_next_to_it_and_stores_nothing() {
        int before = referralsStored();
        browser.signIn("police");
        browser.open("/referrals/new");
        browser.field("givenName").sendKeys("Ana");
        browser.field("citizenships").sendKeys("XX");
        browser.click("#type-SEXUAL");
        browser.click("form[action='/referrals'] button[type=submit]");

        WebElement citizenships = browser.field("citizenships").findElement(By.xpath(".."));
        assertThat(citizenships.findElement(By.cssSelector(".field-error")).getText()).contains("country codes");
        WebElement consent = browser.find("fieldset#consentToReferral");
        assertThat(consent.findElement(By.cssSelector(".field-error")).getText()).contains("consent");
        assertThat(browser.field("givenName").getAttribute("value")).isEqualTo("Ana");
        assertThat(browser.find("#type-SEXUAL").isSelected()).isTrue();
        assertThat(browser.text(".error-summary")).contains("Citizenships");
        assertThat(referralsStored()).isEqualTo(before);
        browser.assertAccessible();
    }

    @Test
    void the_lead_sees_the_queue_change_and_reassigns_a_task_within_the_agency() {
        browser.signIn("competent-authority-lead");
        assertThat(browser.text("h1")).contains("Queues");
        int before = openReasonableGrounds();
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        browser.reloadUntil(() -> openReasonableGrounds() == before + 1);
        // the queue's tasks are paged: the lead finds the case by its reference
        String reference = as("competent-authority").get("/api/cases/" + caseId).body().get("reference").asText();
        browser.open("/queues?reference=" + reference);
        browser.assertAccessible();

        WebElement row = browser.find("tr[data-task-id='" + taskId + "']");
        WebElement assignee = row.findElement(By.name("assignee"));
        assignee.clear();
        assignee.sendKeys("competent-authority");
        browser.click(row.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.text(".notice")).contains("given to competent-authority");
        assertThat(browser.find("tr[data-task-id='" + taskId + "'] .holder").getText())
                .isEqualTo("competent-authority");
        assertThat(as("competent-authority").get("/api/tasks?caseId=" + caseId).body().get(0).get("assignee")
                .asText()).isEqualTo("competent-authority");
        browser.clickLink("Notifications");
        browser.assertAccessible();
        browser.open("/queues");
    }

    @Test
    void the_shelter_provider_places_the_person_and_sees_the_occupancy_change() {
        String caseId = refer(referralOfAdult());
        String rg = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        assertThat(as("competent-authority").post("/api/tasks/" + rg + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible")).status()).isEqualTo(204);
        String placement = awaitTask("shelter-provider", caseId, "shelter-placement");

        browser.signIn("shelter-provider");
        browser.clickLink("Shelters");
        int occupied = occupied("shelter-women-north");
        browser.assertAccessible();
        browser.clickLink("Inbox");
        String reference = as("shelter-provider").get("/api/cases/" + caseId).body().get("reference").asText();
        browser.open("/inbox?reference=" + reference);
        browser.click(".task[data-task-id='" + placement + "'] a.case-link");
        WebElement form = browser.find("article[data-task-key='shelter-placement'] form.decision");
        assertThat(form.findElements(By.cssSelector("input[name=outcome]"))).extracting(e -> e.getAttribute("value"))
                .containsExactly("PLACED", "DECLINED");
        form.findElement(By.cssSelector("input[value=PLACED]")).click();
        new Select(form.findElement(By.name("shelterId"))).selectByValue("shelter-women-north");
        browser.assertAccessible();
        browser.click(form.findElement(By.cssSelector("button[type=submit]")));
        assertThat(browser.text(".notice")).contains("decision is recorded");

        browser.clickLink("Shelters");
        browser.reloadUntil(() -> occupied("shelter-women-north") == occupied + 1);
        assertThat(browser.find("svg[role=img]").getAttribute("aria-label")).isEqualTo("Beds per shelter");
        browser.assertAccessible();
    }

    @Test
    void the_rapporteur_sees_the_statistics_and_a_cases_audit_timeline() {
        String caseId = refer(referralOfAdult());
        String reference = as("police").get("/api/cases/" + caseId).body().get("reference").asText();
        browser.signIn("rapporteur");
        assertThat(browser.text("h1")).isEqualTo("Statistics");
        assertThat(browser.find("#from").getAttribute("value")).isNotBlank();
        assertThat(browser.text("#total-referrals")).isNotBlank();
        assertThat(browser.find("a[href^='/statistics/csv']").getText()).isEqualTo("Download CSV");
        browser.assertAccessible();
        browser.screenshot("rapporteur-statistics");
        browser.phone();
        browser.driver().navigate().refresh();
        assertThat(browser.driver().executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1"))
                .as("the statistics page overflows a phone").isEqualTo(false);
        browser.assertAccessible();
        browser.desktop();

        browser.clickLink("Audit");
        browser.assertAccessible();
        browser.field("reference").sendKeys(reference);
        browser.click("form[action='/audit/find'] button");
        assertThat(browser.text("h1")).contains(reference);
        assertThat(browser.text(".integrity-result")).startsWith("Intact");
        assertThat(browser.text("table")).contains("Referral submitted").contains("police");
        assertThat(browser.source()).doesNotContain("Nguyen");
        browser.assertAccessible();
        browser.clickLink("Personal-data reads");
        browser.assertAccessible();
        browser.open("/audit/cases/" + caseId);
    }

    @Test
    void a_support_provider_refers_a_need_and_the_provider_accepts_and_delivers_it() {
        String caseId = new org.nrm.app.support.SupportFixtures(port).referredByOwner();

        browser.signIn(org.nrm.app.support.SupportFixtures.OWNER);
        browser.open("/cases/" + caseId);
        browser.click("form.support-open button[type=submit]");
        assertThat(browser.text(".notice")).contains("support plan is opened");
        browser.assertAccessible();
        // a need without its choice first: the message by the field, nothing stored
        browser.click("form.support-need button[type=submit]");
        assertThat(browser.field("support-need-need").findElement(By.xpath("..")).getText()).contains("Choose a need");
        browser.assertAccessible();
        new Select(browser.field("support-need-need")).selectByValue("ACCOMMODATION");
        browser.click("form.support-need button[type=submit]");
        assertThat(browser.text(".notice")).contains("need is recorded");
        assertThat(browser.text("ul.needs")).contains("Accommodation");
        new Select(browser.field("support-referral-need")).selectByValue("ACCOMMODATION");
        new Select(browser.field("support-referral-providerId")).selectByValue("shelter-support");
        browser.click("form.support-referral button[type=submit]");
        assertThat(browser.text(".notice")).contains("referred to the provider");
        assertThat(browser.text("table.referrals")).contains("Shelter Support Services").contains("Referred");
        browser.assertAccessible();
        browser.screenshot("support-provider-case-plan");
        String referralId = browser.find("table.referrals tr[data-referral]").getAttribute("data-referral");
        browser.signOut();

        browser.signIn("shelter-provider");
        browser.clickLink("Service referrals");
        browser.assertAccessible();
        browser.click("tr[data-referral='" + referralId + "'] a.referral-link");
        assertThat(browser.text("h1")).contains("Accommodation");
        assertThat(browser.text("main")).contains("No consent to share");
        browser.assertAccessible();
        browser.click("form.referral-accept button[type=submit]");
        assertThat(browser.text(".notice")).contains("referral is accepted");
        browser.field("referral-deliver-notes").sendKeys("A room from tonight");
        browser.assertAccessible();
        browser.click("form.referral-deliver button[type=submit]");
        assertThat(browser.text(".notice")).contains("delivery is recorded");
        assertThat(browser.text(".status")).isEqualTo("Delivered");
        browser.assertAccessible();
        browser.phone();
        browser.assertAccessible();
        browser.screenshot("service-provider-referral-phone");
        browser.desktop();
        assertThat(as("shelter-provider").get("/api/service-referrals/" + referralId).body().get("status").asText())
                .isEqualTo("DELIVERED");
    }

    @Test
    void the_triage_worker_dismisses_a_report_from_its_page_and_border_police_read_the_trends() {
        Api.Response sent = anonymous().post("/api/reports", java.util.Map.of("description",
                "Workers locked in the packing shed at night", "channel", "WEB"),
                java.util.Map.of("X-Forwarded-For", "198.51.100.90"));
        assertThat(sent.status()).isEqualTo(201);
        String reportId = jdbc.queryForObject("SELECT report_id FROM public_report WHERE receipt = ?", String.class,
                sent.body().get("receipt").asText());
        browser.signIn("ngo-outreach");
        // the inbox links it (PublicReportPageTest); in a crowded shared queue it may be past the first page
        browser.open("/reports/" + reportId);
        assertThat(browser.text("h1")).contains(sent.body().get("receipt").asText());
        browser.assertAccessible();
        // a blank reason: the message next to the field, the report still open
        browser.click("form[action='/reports/" + reportId + "/dismissal'] button");
        assertThat(browser.text("#dismissal-reason-error")).isEqualTo("Give the reason for dismissing the report.");
        browser.assertAccessible();
        browser.field("dismissal-reason").sendKeys("A licensed night shift");
        browser.click("form[action='/reports/" + reportId + "/dismissal'] button");
        assertThat(browser.text(".notice")).contains("dismissed");
        browser.signOut();

        browser.signIn("border-police");
        browser.clickLink("Trends");
        assertThat(browser.text("h1")).isEqualTo("Trends");
        assertThat(browser.find("#htcds-export").getAttribute("href")).contains("/trends/htcds");
        browser.assertAccessible();
        browser.screenshot("border-police-trends");
        // on a phone the trends' tables scroll inside their cards; the page itself is no wider than the screen
        browser.phone();
        browser.driver().navigate().refresh();
        assertThat(browser.driver().executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1"))
                .as("the trends page overflows a phone").isEqualTo(false);
        browser.assertAccessible();
        browser.desktop();
        browser.signOut();

        // police open the criminal case of their case from its page; a blank reference is marked at the field
        String caseId = refer(referralOfAdult());
        browser.signIn("police");
        browser.open("/cases/" + caseId);
        browser.reloadUntil(() -> !browser.all("#criminal-case-link").isEmpty());
        browser.click("#criminal-case-link");
        browser.assertAccessible();
        browser.click("form[action='/cases/" + caseId + "/criminal-case/investigation'] button");
        assertThat(browser.all("#investigation-reference-error")).isNotEmpty();
        browser.assertAccessible();
        screenshot = "police-criminal-case-form";
    }

    @Test
    void a_case_worker_cannot_open_another_agencys_case_page() {
        String caseId = refer(referralOfAdult());
        browser.signIn("border-police");
        browser.open("/cases/" + caseId);
        assertThat(browser.text("h1")).isEqualTo("Error 404");
        assertThat(browser.source()).doesNotContain("Nguyen");
        browser.assertAccessible();
    }

    @Test
    void the_administrator_sees_the_projections_and_a_link_to_cockpit() {
        browser.signIn("admin");
        assertThat(browser.text("h1")).isEqualTo("Administration");
        assertThat(browser.text("table")).contains("case-views");
        assertThat(browser.find("a[href='/camunda/app/']").isDisplayed()).isTrue();
        // a subscribing projection (the shelters) is written in each step's transaction: no replay offered
        WebElement shelters = browser.driver().findElement(By.xpath("//tr[th[normalize-space()='shelters']]"));
        assertThat(shelters.findElements(By.cssSelector("form[action$='/replay']"))).isEmpty();
        assertThat(shelters.getText()).contains("nothing to replay");
        WebElement caseViews = browser.driver().findElement(By.xpath("//tr[th[normalize-space()='case-views']]"));
        assertThat(caseViews.findElements(By.cssSelector("form[action$='/replay']"))).hasSize(1);
        assertThat(browser.text("table")).contains("case-consents").contains("workflow-bridge");
        assertThat(browser.text("#consistency h2")).isEqualTo("Consistency check");
        assertThat(browser.find("#incidents h2").getText()).isEqualTo("Engine incidents");
        browser.assertAccessible();

        // the consistency check of every case, from the page
        browser.field("consistency-caseId").sendKeys("all");
        browser.click("form[action='/admin/consistency'] button[type=submit]");
        assertThat(browser.text("#consistency .checked")).startsWith("Every case checked");
        assertThat(browser.all("#consistency .consistent").size() + browser.all("#consistency tr.finding").size())
                .isPositive();
        browser.assertAccessible();
    }

    /**
     * Camunda Cockpit in a browser of its own (a fresh Chromium, closed at the end): the engine's {@code admin} signs
     * in through Cockpit's form, sees both deployed processes and opens the mechanism's diagram, drawn by bpmn-js with
     * its stages; a case worker's sign-in is refused by the same form. Cockpit's pages are Camunda's, so axe-core is
     * not run here.
     *
     * <p>The first visit runs on a CPU slowed down tenfold (Chromium's own throttling), as on a busy machine: Cockpit
     * loads its plugins through RequireJS, whose default 7 s load timeout left the page a spinner for ever there (the
     * sign-in form never came); the platform's {@code scripts/config.js} turns that timeout off. Every step waits for
     * what it needs on the page, never for a time.
     */
    @Test
    void the_administrator_signs_in_to_cockpit_and_sees_the_mechanisms_diagram_and_a_case_worker_is_refused() {
        screenshot = null; // the shared browser is not used: its last page says nothing of this test
        try (Browser cockpit = new Browser(port)) {
            try {
                inCockpit(cockpit);
            } catch (RuntimeException | AssertionError e) {
                cockpit.screenshot("cockpit-at-failure");
                throw new AssertionError("Cockpit at " + cockpit.page() + "; its console:\n"
                        + String.join("\n", cockpit.console()), e);
            }
        }
    }

    private void inCockpit(Browser cockpit) {
        // Cockpit finds its engine in Camunda's static registry by name: another platform started and closed in this
        // JVM under the same name takes it out, and Cockpit's page answers 500 (what a fresh-clone run showed)
        assertThat(org.camunda.bpm.engine.ProcessEngines.getProcessEngines().get(
                org.camunda.bpm.engine.ProcessEngines.NAME_DEFAULT))
                .as("the engine Cockpit will serve is this platform's").isSameAs(engine);
        WebDriverWait wait = new WebDriverWait(cockpit.driver(), Duration.ofSeconds(180));
        cpu(cockpit, 10);
        cockpitSignIn(cockpit, wait, "police");
        cpu(cockpit, 1);
        // the form refuses: an error is shown and the form stays
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("Login Failed"));
        assertThat(cockpit.text("body")).contains("missing access rights to application");
        assertThat(cockpit.find(".form-signin form[name=signinForm]").isDisplayed()).isTrue();
        assertThat(cockpit.driver().getCurrentUrl()).contains("/login");
        assertThat(cockpit.console()).as("no script gave up loading").noneMatch(line -> line.contains("Load timeout"));
        cockpit.screenshot("cockpit-refuses-case-worker");

        cockpit.driver().manage().deleteAllCookies();
        cockpitSignIn(cockpit, wait, "admin");
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
        cockpit.open("/camunda/app/cockpit/default/#/processes");
        wait.until(d -> {
            String page = d.findElement(By.tagName("body")).getText();
            return page.contains("National referral mechanism") && page.contains("Domain event correlation");
        });
        String definition = repository.createProcessDefinitionQuery().processDefinitionKey(
                "national-referral-mechanism").latestVersion().singleResult().getId();
        WebElement open = wait.until(d -> d.findElements(By.cssSelector(
                "a[href='#/process-definition/" + definition + "']")).stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null));
        // a wide window: Cockpit fits the whole (wide) diagram into its canvas, so it is drawn large enough to read
        cockpit.driver().manage().window().setSize(new org.openqa.selenium.Dimension(2400, 1100));
        open.click();

        // the diagram is drawn: bpmn-js's canvas with the mechanism's shapes, a named task, and the stages' groups
        wait.until(d -> d.findElements(By.cssSelector(".djs-container g.djs-element")).size() > 10);
        WebElement task = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                ".djs-container g.djs-element[data-element-id='reasonable-grounds-decision']")));
        assertThat(task.getAttribute("textContent")).contains("Reasonable-grounds");
        assertThat(cockpit.all(".djs-container g.djs-element[data-element-id='rg-deadline']")).hasSize(1);
        assertThat(cockpit.all(".djs-container g.djs-shape")).hasSizeGreaterThan(10);
        assertThat(cockpit.all(".djs-container g.djs-connection")).hasSizeGreaterThan(10);
        // each stage's group with its name (bpmn-js draws a group's name as the label element "<id>_label")
        for (Map.Entry<String, String> stage : Map.of("stage-referral", "Referral and identification",
                "stage-reasonable-grounds", "Reasonable grounds and reconsideration",
                "stage-closure", "Closure").entrySet()) {
            assertThat(cockpit.all(".djs-container g.djs-element[data-element-id='" + stage.getKey() + "']"))
                    .as(stage.getKey()).hasSize(1);
            assertThat(cockpit.find(".djs-container g.djs-element[data-element-id='" + stage.getKey() + "_label']")
                    .getAttribute("textContent").replaceAll("\\s", "")).as(stage.getKey())
                    .contains(stage.getValue().replaceAll("\\s", "")); // its lines, wrapped, run together
        }
        cockpit.screenshot("cockpit-mechanism-diagram");
    }

    /** Chromium's CPU throttling: {@code rate} times slower than the machine (1: no throttling). */
    private static void cpu(Browser browser, int rate) {
        browser.driver().executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", rate));
    }

    private static void cockpitSignIn(Browser cockpit, WebDriverWait wait, String user) {
        cockpit.open("/camunda/app/cockpit/");
        // the form is there once Cockpit has loaded its scripts and plugins and asked who is signed in
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".form-signin form[name=signinForm] input[type=text]")));
        name.clear();
        name.sendKeys(user);
        WebElement password = cockpit.find(".form-signin form[name=signinForm] input[type=password]");
        password.clear();
        password.sendKeys("demo");
        cockpit.find(".form-signin form[name=signinForm] button[type=submit]").click();
    }

    @Test
    void on_a_phone_the_case_workers_inbox_is_usable() {
        browser.phone();
        browser.signIn("competent-authority");
        assertThat(browser.text("h1")).contains("Inbox");
        Object overflow = browser.driver().executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth + 1");
        assertThat(overflow).isEqualTo(false);
        browser.assertAccessible();
    }

    /**
     * Keyboard use and visible focus (WCAG 2.1.1, 2.4.7), which axe-core does not check: a case worker signs in and
     * moves through the page with the keyboard alone; the first Tab reaches the skip link, every element the Tab key
     * reaches shows a focus ring of at least 2 px, and Enter on a link follows it.
     */
    @Test
    void a_case_worker_signs_in_and_moves_through_the_page_with_the_keyboard_alone_and_sees_where_the_focus_is() {
        browser.driver().manage().deleteAllCookies();
        browser.open("/login");
        org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(browser.driver());
        browser.field("username").click();
        keys.sendKeys("competent-authority").sendKeys(org.openqa.selenium.Keys.TAB).sendKeys("demo")
                .sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> !browser.all(".who-user").isEmpty());
        assertThat(browser.text(".who-user")).isEqualTo("competent-authority");

        browser.driver().executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
        java.util.List<String> reached = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
            @SuppressWarnings("unchecked")
            Map<String, Object> focused = (Map<String, Object>) browser.driver().executeScript(
                    "const e = document.activeElement, s = getComputedStyle(e);"
                            + "return {tag: e.tagName, cls: e.className || '', text: (e.innerText || e.value || '').trim(),"
                            + " outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth)};");
            reached.add(focused.get("tag") + "." + focused.get("cls") + " " + focused.get("text"));
            assertThat(((Number) focused.get("outline")).doubleValue()).as("focus ring on " + reached.get(i))
                    .isGreaterThanOrEqualTo(2.0);
            if (i == 0) {
                assertThat(focused.get("cls").toString()).as("the first Tab").contains("skip-link");
            }
        }
        assertThat(reached).as("the Tab key moves through the header's links").anyMatch(r -> r.contains("Inbox"));
        // Enter on the "Cases" link (reached by Tab above) follows it
        assertThat(reached).as("the Tab key reaches the Cases link").anyMatch(r -> r.endsWith(" Cases"));
        browser.driver().findElement(By.linkText("Cases")).sendKeys(org.openqa.selenium.Keys.ENTER);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> browser.driver().getCurrentUrl().endsWith("/cases"));
        browser.assertAccessible();
        screenshot = "keyboard-cases";
    }

    @Test
    void on_a_phone_the_case_page_with_its_consents_is_no_wider_than_the_screen() {
        var support = new org.nrm.app.support.SupportFixtures(port);
        String caseId = support.withPlan();
        support.need(caseId, "ACCOMMODATION");
        support.refer(caseId, "ACCOMMODATION", "shelter-support", null);
        assertThat(as(org.nrm.app.support.SupportFixtures.OWNER).post("/api/cases/" + caseId + "/consents",
                java.util.Map.of("scopes", java.util.List.of("DATA_SHARING"), "agencies",
                        java.util.List.of("shelter-provider"))).status()).isEqualTo(204);
        browser.phone();
        browser.signIn(org.nrm.app.support.SupportFixtures.OWNER);
        browser.open("/cases/" + caseId);
        assertThat(browser.find("table.consents button.danger").getText()).contains("Withdraw");
        Object fits = browser.driver().executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth");
        assertThat(fits).as("the case page at phone width").isEqualTo(true);
        browser.assertAccessible();
        browser.screenshot("case-consents-phone");
        browser.desktop();
    }

    private int openReasonableGrounds() {
        var rows = browser.all("tr[data-key='reasonable-grounds-decision'] td.open");
        return rows.isEmpty() ? 0 : Integer.parseInt(rows.get(0).getText().strip());
    }

    private int occupied(String shelterId) {
        return Integer.parseInt(browser.text("tr[data-shelter-id='" + shelterId + "'] td.occupied").strip());
    }

    private int referralsStored() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%ReferralSubmitted'",
                Integer.class);
    }
}
