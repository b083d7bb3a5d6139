package org.nrm.app.letters;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nrm.app.cases.CaseRecords;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.EventDataReader;
import org.nrm.projections.cases.HistoryEntry;
import org.nrm.referral.api.DecisionLetterKind;
import org.nrm.referral.api.IssueDecisionLetter;
import org.nrm.referral.api.LetterAddressee;
import org.nrm.workflow.CommandSender;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Decision letters: for each reasonable-grounds, conclusive-grounds and reconsideration decision of a case, a printable
 * letter (PDF) addressed to the person, or to the guardian for a child, in the first of the person's languages that
 * the jurisdiction has a template for, and in English otherwise. The letter is drawn from the jurisdiction's
 * Thymeleaf template ({@link LetterProperties#templates()}) with the decision's own event and rendered by
 * openhtmltopdf. Issuing it records {@code DecisionLetterIssued} on the case (who, when, which decision, to whom,
 * in which language; no personal data) and a personal-data read, in the transaction that renders it: a letter that
 * cannot be rendered is not recorded as issued. The PDF itself is not stored.
 */
@Service
public class DecisionLetters {

    public static final String ENGLISH = "eng";
    private static final String TEMPLATE = "decision-letter";
    private static final Map<String, DecisionLetterKind> DECISION_EVENTS = Map.of(
            "org.nrm.referral.api.ReasonableGroundsDecided", DecisionLetterKind.REASONABLE_GROUNDS,
            "org.nrm.referral.api.ConclusiveGroundsDecided", DecisionLetterKind.CONCLUSIVE_GROUNDS,
            "org.nrm.referral.api.ReconsiderationDecided", DecisionLetterKind.RECONSIDERATION);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** One decision of a case a letter can be issued about; {@code decisionId} is its place in the case's stream. */
    public record Decision(long decisionId, DecisionLetterKind decision, String outcome, Instant decidedAt) {
    }

    /** An issued letter. */
    public record Letter(byte[] pdf, String fileName, LetterAddressee addressee, String language) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final EventDataReader reader;
    private final CaseRecords records;
    private final CommandSender commands;
    private final JurisdictionProperties jurisdiction;
    private final LetterProperties properties;
    private final ApplicationContext resources;
    private final MessageSource messages;
    private final SpringTemplateEngine engine;

    public DecisionLetters(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper mapper,
                           EventDataReader reader, CaseRecords records, CommandSender commands,
                           JurisdictionProperties jurisdiction, LetterProperties properties,
                           ApplicationContext resources, MessageSource messages) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.reader = reader;
        this.records = records;
        this.commands = commands;
        this.jurisdiction = jurisdiction;
        this.properties = properties;
        this.resources = resources;
        this.messages = messages;
        SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
        resolver.setApplicationContext(resources);
        resolver.setPrefix(properties.templates());
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(properties.cache());
        this.engine = new SpringTemplateEngine();
        this.engine.setEnableSpringELCompiler(true);
        this.engine.setTemplateResolver(resolver);
    }

    /** The case's decisions, oldest first (no personal data: the outcome is a code). */
    public List<Decision> decisions(String caseId) {
        List<Decision> out = new ArrayList<>();
        jdbc.query("SELECT sequencenumber, payloadtype, payload, timestamp FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND payloadtype IN (?, ?, ?) ORDER BY sequencenumber",
                rs -> {
                    Map<String, Object> data = read(rs.getBytes("payload"));
                    out.add(new Decision(rs.getLong("sequencenumber"), DECISION_EVENTS.get(rs.getString("payloadtype")),
                            String.valueOf(data.get("outcome")), Instant.parse(rs.getString("timestamp"))));
                }, caseId, "org.nrm.referral.api.ReasonableGroundsDecided",
                "org.nrm.referral.api.ConclusiveGroundsDecided", "org.nrm.referral.api.ReconsiderationDecided");
        return out;
    }

    /**
     * Issues the letter about the case's decision {@code decisionId}; empty when the case has no such decision. The
     * caller has checked that the user may issue letters on this case.
     */
    @Transactional
    public Optional<Letter> issue(String caseId, long decisionId, NrmUser user) {
        Optional<Map.Entry<String, Map<String, Object>>> stored = decisionEvent(caseId, decisionId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        DecisionLetterKind kind = DECISION_EVENTS.get(stored.get().getKey());
        Map<String, Object> decision = reader.read(stored.get().getKey(), stored.get().getValue());
        List<HistoryEntry> history = records.history(user, caseId, null, "decision letter")
                .orElseThrow(() -> new IllegalStateException("case " + caseId + " has no history"));
        String language = language(languages(history));
        LetterAddressee addressee = commands.send(new IssueDecisionLetter(caseId, decisionId, language), user.actor());

        Map<String, Object> letter = new HashMap<>();
        letter.put("decision", kind.name());
        letter.put("outcome", String.valueOf(decision.get("outcome")));
        letter.put("reasons", decision.get("reasons"));
        letter.put("reconsidered", decision.get("decision"));
        letter.put("addressee", addressee.name());
        letter.put("person", CaseRecords.personName(history));
        letter.put("guardian", guardianName(history));
        letter.put("reference", reference(history));
        Locale locale = locale(language);
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .withZone(jurisdiction.zone());
        letter.put("decidedAt", format(dates, decision.get("decidedAt")));
        letter.put("reconsiderationWindowEndsAt", format(dates, decision.get("reconsiderationWindowEndsAt")));
        letter.put("issuedAt", dates.format(Instant.now()));
        letter.put("issuedBy", user.userId());
        letter.put("agency", messages.getMessage("agency." + user.agency(), null, user.agency(), Locale.ENGLISH));
        letter.put("language", language);

        Context context = new Context(locale);
        context.setVariable("letter", letter);
        String html = engine.process(language.equals(ENGLISH) ? TEMPLATE : TEMPLATE + "_" + language, context);
        String reference = String.valueOf(letter.get("reference"));
        return Optional.of(new Letter(pdf(html), "decision-letter-" + reference + "-" + decisionId + ".pdf",
                addressee, language));
    }

    private Optional<Map.Entry<String, Map<String, Object>>> decisionEvent(String caseId, long decisionId) {
        List<Map.Entry<String, Map<String, Object>>> found = new ArrayList<>();
        jdbc.query("SELECT payloadtype, payload FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND sequencenumber = ?", rs -> {
                    String type = rs.getString("payloadtype");
                    if (DECISION_EVENTS.containsKey(type)) {
                        found.add(Map.entry(type, read(rs.getBytes("payload"))));
                    }
                }, caseId, decisionId);
        return found.stream().findFirst();
    }

    /** The first of the person's languages the jurisdiction has a translation for; English otherwise. */
    String language(List<String> languages) {
        for (String language : languages) {
            String code = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
            if (code.equals(ENGLISH)) {
                return ENGLISH;
            }
            if (code.matches("[a-z]{3}") && resources.getResource(properties.templates() + TEMPLATE + "_" + code
                    + ".html").exists()) {
                return code;
            }
        }
        return ENGLISH;
    }

    private byte[] pdf(String html) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            File font = new File(properties.font());
            if (font.isFile()) {
                builder.useFont(font, "Letter Sans");
            }
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> languages(List<HistoryEntry> history) {
        List<String> languages = List.of();
        for (HistoryEntry entry : history) {
            if (entry.data().get("profile") instanceof Map<?, ?> profile && profile.get("languages") instanceof List<?> l
                    && !l.isEmpty()) {
                languages = (List<String>) l;
            }
        }
        return languages;
    }

    private static String guardianName(List<HistoryEntry> history) {
        String name = null;
        for (HistoryEntry entry : history) {
            if (entry.data().get("guardian") instanceof Map<?, ?> guardian && guardian.get("name") != null) {
                name = String.valueOf(guardian.get("name"));
            }
        }
        return name;
    }

    private static String reference(List<HistoryEntry> history) {
        for (HistoryEntry entry : history) {
            if (entry.data().get("reference") instanceof String reference) {
                return reference;
            }
        }
        return "";
    }

    private static String format(DateTimeFormatter dates, Object instant) {
        if (instant == null) {
            return null;
        }
        if (instant instanceof Number seconds) {
            return dates.format(Instant.ofEpochMilli(Math.round(seconds.doubleValue() * 1000)));
        }
        return dates.format(Instant.parse(String.valueOf(instant)));
    }

    private static Locale locale(String iso639two) {
        for (String two : Locale.getISOLanguages()) {
            Locale candidate = new Locale(two);
            if (candidate.getISO3Language().equals(iso639two)) {
                return candidate;
            }
        }
        return Locale.ENGLISH;
    }

    private Map<String, Object> read(byte[] json) {
        try {
            return mapper.readValue(json, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
