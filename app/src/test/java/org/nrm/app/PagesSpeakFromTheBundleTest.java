package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.web.PageFormat;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Translatable pages (issue 12): every word a page template shows comes from a message bundle, every key a template
 * names is in the bundle (a missing one would show as {@code ??key??}), and times are written in the jurisdiction's
 * zone, not the server's.
 */
class PagesSpeakFromTheBundleTest extends PlatformTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path BUNDLES = Path.of("src/main/resources/messages");
    /** What a page may show without the bundle: the mechanism's mark and a case reference given as an example. */
    private static final Pattern NOT_LANGUAGE = Pattern.compile("NRM(-\\d{4}-\\d+)?");
    private static final Set<String> TRANSLATED_BY = Set.of("th:text", "th:utext", "th:replace", "th:insert");

    @Autowired
    PageFormat format;

    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            return files.filter(file -> file.toString().endsWith(".html")).sorted().toList();
        }
    }

    @Test
    void no_page_template_shows_a_word_that_is_not_from_the_message_bundle() throws IOException {
        List<String> literal = new ArrayList<>();
        List<Path> templates = templates();
        assertThat(templates).as("the page templates are found").hasSizeGreaterThan(20);
        for (Path template : templates) {
            for (Element element : Jsoup.parse(Files.readString(template)).getAllElements()) {
                if (translated(element)) {
                    continue;
                }
                for (TextNode text : element.textNodes()) {
                    String words = text.text().trim();
                    if (words.matches(".*\\p{L}.*") && !NOT_LANGUAGE.matcher(words).matches()) {
                        literal.add(template.getFileName() + " <" + element.tagName() + ">: " + words);
                    }
                }
                for (String attribute : List.of("placeholder", "title", "aria-label", "alt")) {
                    String value = element.attr(attribute);
                    if (value.matches(".*\\p{L}.*") && !element.hasAttr("th:" + attribute)
                            && !NOT_LANGUAGE.matcher(value).matches()) {
                        literal.add(template.getFileName() + " @" + attribute + ": " + value);
                    }
                }
            }
        }
        assertThat(literal).as("words written into a template instead of the bundle").isEmpty();
    }

    @Test
    void every_message_key_a_template_names_is_in_the_bundle() throws IOException {
        Properties bundle = new Properties();
        try (Stream<Path> files = Files.list(BUNDLES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("[a-z]+\\.properties")).toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    bundle.load(reader);
                }
            }
        }
        Pattern key = Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]");
        Set<String> named = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        for (Path template : templates()) {
            Matcher m = key.matcher(Files.readString(template));
            while (m.find()) {
                named.add(m.group(1));
                if (!bundle.containsKey(m.group(1))) {
                    missing.add(template.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertThat(named).as("keys the templates name").hasSizeGreaterThan(200);
        assertThat(missing).as("keys not in the bundle").isEmpty();
    }

    @Test
    void an_apostrophe_is_written_as_the_messages_formatting_reads_it() throws IOException {
        // Spring applies MessageFormat (where '' is one apostrophe) only to a message with arguments: elsewhere ''
        // is shown as it is (found from outside on the sign-in page: "every demo user''s password")
        Properties bundle = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/messages/pages.properties"))) {
            bundle.load(reader);
        }
        List<String> doubled = new ArrayList<>();
        bundle.forEach((key, value) -> {
            String text = value.toString();
            boolean formatted = text.matches("(?s).*\\{\\d.*");
            if (!formatted && text.contains("''") || formatted && text.matches("(?s).*(?<!')'(?!').*")) {
                // and a message with arguments writes it twice, or MessageFormat swallows it
                doubled.add(key.toString());
            }
        });
        assertThat(doubled).isEmpty();
    }

    @Test
    void times_are_written_in_the_jurisdictions_zone() {
        assertThat(format.zone().getId()).isEqualTo("Europe/London");
        // 23:30 UTC on the 1st of July is half past midnight on the 2nd in London (summer time)
        Instant lateEvening = Instant.parse("2026-07-01T23:30:00Z");
        assertThat(format.date(lateEvening)).contains("2").doesNotContain("Jul 1,");
        assertThat(format.dateTime(lateEvening)).contains("12:30").contains("Jul 2");
        // and in winter, London is UTC
        assertThat(format.dateTime(Instant.parse("2026-12-01T23:30:00Z"))).contains("11:30").contains("Dec 1");
    }

    @Test
    void an_events_facts_on_the_timeline_read_as_words_and_local_times_not_as_codes_and_iso_instants() {
        // an instant with nanoseconds, as the events hold them: the jurisdiction's date and time
        assertThat(format.code("2026-07-01T23:30:00.123456789Z")).isEqualTo(format.dateTime(
                Instant.parse("2026-07-01T23:30:00.123456789Z"))).contains("Jul 2").contains("12:30");
        assertThat(format.code("2026-07-01")).contains("Jul").contains("1").doesNotContain("2026-07-01");
        // a code and a list of codes: their labels
        assertThat(format.code("FORCED_LABOUR")).isEqualTo(format.label("code", "FORCED_LABOUR"))
                .doesNotContain("_");
        assertThat(format.code("SEXUAL, FORCED_LABOUR")).isEqualTo(format.label("code", "SEXUAL") + ", "
                + format.label("code", "FORCED_LABOUR")).doesNotContain("_");
        // anything else as it is
        assertThat(format.code("Found at a nail bar")).isEqualTo("Found at a nail bar");
        assertThat(format.code("2026-13-45")).isEqualTo("2026-13-45");
    }

    @Test
    void a_facts_label_is_its_fields_and_its_value_a_name_not_a_code_or_a_boolean() {
        // a nested path reads as its field, not as "Person.given name"
        assertThat(format.factLabel("person.givenName")).isEqualTo("Given name");
        assertThat(format.factLabel("person.citizenships")).isEqualTo("Citizenships");
        assertThat(format.factLabel("exploitation.someNewField")).isEqualTo("Some new field");
        // true is yes; countries, languages and agencies by name
        assertThat(format.fact("ageUncertain", "true")).isEqualTo("Yes");
        assertThat(format.fact("person.citizenships", "VN, XK")).isEqualTo("Vietnam, Kosovo");
        assertThat(format.fact("countryOfReturn", "RO")).isEqualTo("Romania");
        assertThat(format.fact("person.languages", "vie, tir")).isEqualTo("Vietnamese, Tigrinya");
        // ISO 639-2's two codes of a language read alike; a language without a two-letter code by the list's name
        assertThat(format.fact("person.languages", "deu, ger, sqi, alb, ron, zho")).isEqualTo(
                "German, German, Albanian, Albanian, Romanian, Chinese");
        assertThat(format.fact("person.languages", "ast")).isEqualTo("Asturian");
        assertThat(format.fact("person.languages", "aaa")).isEqualTo("Ghotuo");
        assertThat(format.fact("referringAgency", "border-police")).isEqualTo("Border police");
        assertThat(format.fact("agencies", "police, competent-authority")).isEqualTo("Police, Competent authority");
        // a free text in such a field is left as it is; a code elsewhere still gets its label
        assertThat(format.fact("country", "somewhere in the north")).isEqualTo("somewhere in the north");
        assertThat(format.fact("exploitationTypes", "FORCED_LABOUR")).isEqualTo(format.label("code", "FORCED_LABOUR"));
    }

    private static boolean translated(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            if (e.tagName().equals("script") || e.tagName().equals("style")
                    || e.attributes().asList().stream().anyMatch(a -> TRANSLATED_BY.contains(a.getKey()))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void every_task_reads_on_the_pages_as_the_api_and_cockpit_name_it() {
        // the API's task name is the model's; the pages label a task by its key from the bundle: the same words
        var names = new java.util.TreeMap<String, String>();
        repository.createProcessDefinitionQuery().latestVersion().list().forEach(definition -> repository
                .getBpmnModelInstance(definition.getId())
                .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class)
                .forEach(task -> names.put(task.getId(), task.getName())));
        assertThat(names).containsKeys("reasonable-grounds-decision", "public-report-triage", "arrival-reception");
        names.forEach((key, name) -> assertThat(format.label("task", key)).as(key).isEqualTo(name));
    }
}
