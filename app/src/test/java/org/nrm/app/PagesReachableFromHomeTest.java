package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PageSession;
import org.nrm.app.support.PlatformTest;

/**
 * Issue 12: {@code GET /} is each user's home page (a case worker's inbox, a lead's queues, oversight's statistics,
 * the administrator's page), every page carries the header naming the user, the agency and the role, and every page
 * a role uses is reached by following links from {@code /}: each user's pages are crawled from the home page, link by
 * link, and every page found answers 200 with the header.
 */
class PagesReachableFromHomeTest extends PlatformTest {

    private static final Pattern LINK = Pattern.compile("<a [^>]*href=\"(/[^\"#?]*)(\\?[^\"#]*)?\"");
    /** Pages a crawl does not follow: Cockpit (Camunda's own), downloads, and one page per case or item is enough. */
    private static final Pattern NOT_FOLLOWED = Pattern.compile("/camunda/.*|/logout|.*\\.(csv|pdf|json)|.*/htcds.*"
            + "|/assets/.*");

    record Expected(String home, String homeHeading, List<String> reached) {
    }

    private static final Map<String, Expected> USERS = Map.of(
            "police", new Expected("/inbox", "Inbox", List.of("/inbox", "/cases", "/referrals/new", "/notifications",
                    "/criminal-cases", "/trends")),
            "competent-authority", new Expected("/inbox", "Inbox", List.of("/inbox", "/cases", "/notifications",
                    "/returning-nationals/new", "/handovers/import")),
            "competent-authority-lead", new Expected("/queues", "Queues", List.of("/queues", "/inbox", "/cases",
                    "/notifications")),
            "shelter-provider", new Expected("/inbox", "Inbox", List.of("/inbox", "/shelters", "/service-referrals")),
            "ngo-outreach", new Expected("/inbox", "Inbox", List.of("/inbox", "/referrals/new", "/service-referrals")),
            "rapporteur", new Expected("/statistics", "statistics", List.of("/statistics", "/audit", "/audit/reads",
                    "/shelters")),
            "admin", new Expected("/admin", "Administration", List.of("/admin", "/admin/handover-partners")));

    @Test
    void each_users_home_is_their_role_page_and_every_page_they_use_is_reached_by_links_from_it() {
        List<String> wrong = new ArrayList<>();
        for (var user : USERS.entrySet()) {
            PageSession session = new PageSession(port);
            assertThat(session.signIn(user.getKey(), "demo").statusCode()).isEqualTo(302);
            HttpResponse<String> home = session.get("/");
            assertThat(home.statusCode()).as(user.getKey() + " home").isEqualTo(200);
            assertThat(home.body()).as(user.getKey() + " home").containsIgnoringCase(user.getValue().homeHeading());
            assertThat(home.body()).as(user.getKey() + "'s home page is the one of the role")
                    .contains("href=\"" + user.getValue().home() + "\"");

            Set<String> reached = new LinkedHashSet<>();
            Set<String> seenShapes = new LinkedHashSet<>();
            Deque<String> next = new ArrayDeque<>(List.of("/"));
            while (!next.isEmpty() && reached.size() < 60) {
                String path = next.poll();
                if (!reached.add(path)) {
                    continue;
                }
                HttpResponse<String> page = session.get(path);
                if (page.statusCode() != 200) {
                    wrong.add(user.getKey() + ": " + path + " answers " + page.statusCode());
                    continue;
                }
                if (!page.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                    continue; // a download (the statistics' CSV): no page, no links
                }
                if (!page.body().contains("class=\"who-user\">" + user.getKey() + "<")) {
                    wrong.add(user.getKey() + ": " + path + " has no header naming the user");
                }
                Matcher link = LINK.matcher(page.body());
                while (link.find()) {
                    String target = link.group(1);
                    // one page of each shape (one case page, one report page...) is enough
                    String shape = target.replaceAll("/[0-9a-f]{8}-[0-9a-f-]{27,}", "/{id}")
                            .replaceAll("/(R|NRM)-[A-Z0-9-]+", "/{ref}");
                    if (!NOT_FOLLOWED.matcher(target).matches() && seenShapes.add(shape)) {
                        next.add(target);
                    }
                }
            }
            for (String page : user.getValue().reached()) {
                if (!reached.contains(page)) {
                    wrong.add(user.getKey() + ": " + page + " is not reached by links from / (reached: " + reached + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
