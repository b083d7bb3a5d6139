package org.nrm.app.handover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.protection.PersonalDataReads;
import org.nrm.app.referral.ReferralService;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.projections.cases.CaseView;
import org.nrm.projections.cases.CaseViews;
import org.nrm.projections.cases.HistoryEntry;
import org.nrm.projections.oversight.HtcdsExport;
import org.nrm.projections.support.SupportPlans;
import org.nrm.referral.api.AgeGroup;
import org.nrm.referral.api.DecisionAbroad;
import org.nrm.referral.api.DecisionKind;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.api.OpenReturningNationalCase;
import org.nrm.referral.api.PersonProfile;
import org.nrm.referral.api.PersonalDetails;
import org.nrm.referral.api.RecordHandoverExport;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.workflow.CommandSender;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signed handover packages between two countries' mechanisms (issue 16).
 *
 * <p>A package ({@value #FORMAT}) holds the facts a receiving mechanism needs: the case in HTCDS 2.0 field names
 * ({@code htcds}, the mapping of the oversight export), the person's profile in the platform's codes
 * ({@code profile}), every identification decision with its date and deciding organisation ({@code decisions}), the
 * return risk assessment if one was made ({@code riskAssessment}), the reintegration plan and services
 * ({@code reintegrationPlan}, {@code services}: the case's support plan and its service referrals, {@code null} and
 * empty without one; for a returning national the decision taken abroad is among the decisions), and the
 * person's personal data ({@code personalData}) only while their consent to a handover abroad is in force. It names
 * its id, source and destination country, issue and expiry time and signing key, and carries
 * {@code contentDigest}, the SHA-256 (base64url) of its canonical serialisation without that member.
 *
 * <p>It travels as {@code {"package": {...}, "signature": "..", "keyId": ".."}}: {@code signature} is the Ed25519
 * signature (base64url) of the package's canonical serialisation ({@link CanonicalJson}), digest included.
 */
@Service
public class HandoverPackages {

    public static final String FORMAT = "nrm-handover/1";

    private final HandoverSigningKeys keys;
    private final HandoverPartners partners;
    private final CommandSender commands;
    private final CaseViews views;
    private final CaseHistory history;
    private final HtcdsExport htcds;
    private final PersonalDataReads reads;
    private final SupportPlans plans;
    private final JurisdictionProperties jurisdiction;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration validity;
    private final String decisionMakingOrg;

    public HandoverPackages(HandoverSigningKeys keys, HandoverPartners partners, CommandSender commands,
                            CaseViews views, CaseHistory history, HtcdsExport htcds, PersonalDataReads reads,
                            SupportPlans plans,
                            JurisdictionProperties jurisdiction, JdbcTemplate jdbc, Clock clock,
                            @Value("${nrm.handover.package-validity:P14D}") Duration validity,
                            @Value("${nrm.oversight.export.decision-making-org:NonPoliceGovernmentalOrganization}")
                            String decisionMakingOrg) {
        this.keys = keys;
        this.partners = partners;
        this.commands = commands;
        this.views = views;
        this.history = history;
        this.htcds = htcds;
        this.reads = reads;
        this.plans = plans;
        this.jurisdiction = jurisdiction;
        this.jdbc = jdbc;
        this.clock = clock;
        this.validity = validity;
        this.decisionMakingOrg = decisionMakingOrg;
    }

    /** The public key partners register: {@code {"keyId", "publicKey": JWK}}. */
    public Map<String, Object> publicKey() {
        return publicKey(keys.current());
    }

    /**
     * The public key of {@code key}: after a rotation, the new key its transaction made (a read of the current key
     * in a transaction of its own would not see it yet, and on an installation without a key would wait for it).
     */
    public Map<String, Object> publicKey(HandoverSigningKeys.SigningKey key) {
        var out = new LinkedHashMap<String, Object>();
        out.put("keyId", key.keyId());
        out.put("country", jurisdiction.countryCode());
        out.put("publicKey", HandoverSigningKeys.jwk(key.keyId(), key.publicKey()));
        return out;
    }

    /**
     * Issues a signed package of the case for {@code destination} (the person's first citizenship other than this
     * country's when not given). The export is recorded on the case first ({@code HandoverExported}); the case's
     * aggregate decides whether the personal data may go.
     */
    @Transactional
    public Map<String, Object> export(String caseId, String destination, NrmUser user) {
        CaseView view = views.find(caseId).orElseThrow(() -> new IllegalStateException("no view of " + caseId));
        String own = jurisdiction.countryCode();
        Map<String, String> fields = htcds.fieldsOf(caseId, own).orElseThrow();
        List<String> citizenships = citizenships(fields);
        String to = destination != null ? destination : citizenships.stream()
                .filter(c -> !c.equalsIgnoreCase(own)).findFirst().orElse(null);
        if (to == null) {
            throw new CaseRuleViolation("no-destination-country",
                    "The person has no citizenship other than " + own + ": name the destination ('to').");
        }
        if (!to.matches("[A-Z]{2}") || to.equals(own)) {
            throw new CaseRuleViolation("invalid-destination-country",
                    "'to' must be another country's ISO 3166-1 alpha-2 code.");
        }
        HandoverSigningKeys.SigningKey key = keys.current();
        String packageId = UUID.randomUUID().toString();
        boolean personal = Boolean.TRUE.equals(commands.send(new RecordHandoverExport(caseId, packageId,
                key.keyId()), user.actor()));
        List<HistoryEntry> events;
        if (personal) {
            reads.record(caseId, user, "handover abroad");
            events = history.of(caseId);
        } else {
            events = history.withheld(caseId);
        }
        Instant now = clock.instant();
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode pkg = json.objectNode();
        pkg.put("format", FORMAT);
        pkg.put("packageId", packageId);
        pkg.put("keyId", key.keyId());
        pkg.put("issuedAt", now.toString());
        pkg.put("expiresAt", now.plus(validity).toString());
        pkg.put("sourceCountry", own);
        pkg.put("destinationCountry", to);
        pkg.put("sourceReference", view.reference());
        ObjectNode h = pkg.putObject("htcds");
        fields.forEach(h::put);
        ObjectNode profile = pkg.putObject("profile");
        profile.put("gender", view.gender());
        profile.put("ageGroup", view.ageGroup());
        profile.put("child", view.child());
        ArrayNode cits = profile.putArray("citizenships");
        citizenships.forEach(cits::add);
        ArrayNode languages = profile.putArray("languages");
        languagesOf(fields).forEach(languages::add);
        ArrayNode decisions = pkg.putArray("decisions");
        ObjectNode risk = null;
        Map<String, Object> person = null;
        for (HistoryEntry event : events) {
            Map<String, Object> data = event.data();
            switch (event.type()) {
                case "ReasonableGroundsDecided", "ConclusiveGroundsDecided" -> {
                    ObjectNode d = decisions.addObject();
                    d.put("decision", event.type().startsWith("Reasonable") ? DecisionKind.REASONABLE_GROUNDS.name()
                            : DecisionKind.CONCLUSIVE_GROUNDS.name());
                    d.put("outcome", String.valueOf(data.get("outcome")));
                    d.put("decidedAt", event.occurredAt().toString());
                    d.put("decidingOrganisation", event.agency());
                    d.put("decidingCountry", own);
                    d.put("vic_TraffickingStatusDecisionMakingOrg", decisionMakingOrg);
                    if (personal && data.get("reasons") instanceof String reasons) {
                        d.put("reasons", reasons);
                    }
                }
                case "ReconsiderationDecided" -> {
                    ObjectNode d = decisions.addObject();
                    d.put("decision", "RECONSIDERATION_OF_" + data.get("decision"));
                    d.put("outcome", String.valueOf(data.get("outcome")));
                    d.put("decidedAt", event.occurredAt().toString());
                    d.put("decidingOrganisation", event.agency());
                    d.put("decidingCountry", own);
                    d.put("vic_TraffickingStatusDecisionMakingOrg", decisionMakingOrg);
                }
                case "ReturningNationalCaseOpened" -> {
                    // the decision taken abroad that this case records (not taken again here): it goes on with its own
                    // country, day and deciding organisation, so a package re-exported after an import still names it
                    if (data.get("decisionAbroad") instanceof Map<?, ?> abroad) {
                        ObjectNode d = decisions.addObject();
                        d.put("decision", String.valueOf(abroad.get("kind")));
                        d.put("outcome", String.valueOf(abroad.get("outcome")));
                        LocalDate decidedOn = LocalDate.parse(String.valueOf(abroad.get("decidedOn")));
                        d.put("decidedOn", decidedOn.toString());
                        d.put("decidedAt", decidedOn.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString());
                        d.put("decidingOrganisation", String.valueOf(abroad.get("decidingOrganisation")));
                        d.put("decidingCountry", String.valueOf(abroad.get("sourceCountry")));
                        d.put("decidedAbroad", true);
                    }
                }
                case "ReturnRiskAssessed" -> {
                    risk = json.objectNode();
                    risk.put("risk", String.valueOf(data.get("risk")));
                    risk.put("assessedAt", event.occurredAt().toString());
                    risk.put("assessedBy", event.agency());
                    if (personal && data.get("notes") instanceof String notes) {
                        risk.put("notes", notes);
                    }
                }
                case "ReferralSubmitted", "ConsentGiven" -> {
                    if (personal && data.get("person") instanceof Map<?, ?> p) {
                        person = new LinkedHashMap<>();
                        person.put("givenName", p.get("givenName"));
                        person.put("familyName", p.get("familyName"));
                        person.put("birthDate", p.get("birthDate"));
                    }
                }
                default -> {
                }
            }
        }
        pkg.set("riskAssessment", risk);
        supportPlan(caseId, events, personal, pkg);
        pkg.put("personalDataIncluded", personal && person != null);
        if (personal && person != null) {
            ObjectNode pd = pkg.putObject("personalData");
            person.forEach((name, value) -> pd.put(name, value == null ? null : value.toString()));
        } else {
            pkg.putNull("personalData");
        }
        pkg.put("contentDigest", digest(pkg));
        byte[] signature = HandoverSigningKeys.sign(key.privateKey(), CanonicalJson.bytes(pkg));
        var out = new LinkedHashMap<String, Object>();
        out.put("package", pkg);
        out.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        out.put("keyId", key.keyId());
        return out;
    }

    /**
     * The case's support plan as the reintegration plan ({@code reintegrationPlan}: owner, dates, the needs assessed)
     * and its service referrals ({@code services}: type, HTCDS 2.0 {@code spl_Type}, provider, status and dates), from
     * the support-plan views; the free text (needs' and reviews' notes, a referral's note, a decline's reason, delivery
     * and closure notes) only when {@code personal} (the person's consent to a handover abroad is in force), read from
     * the case's events. {@code null} and {@code []} when the case has no plan.
     */
    private void supportPlan(String caseId, List<HistoryEntry> events, boolean personal, ObjectNode pkg) {
        var plan = plans.ofCase(caseId).orElse(null);
        if (plan == null) {
            pkg.putNull("reintegrationPlan");
            pkg.putArray("services");
            return;
        }
        Map<String, String> needNotes = new LinkedHashMap<>();
        Map<String, Map<String, String>> referralTexts = new LinkedHashMap<>();
        List<ObjectNode> reviews = new ArrayList<>();
        for (HistoryEntry event : events) {
            Map<String, Object> data = event.data();
            if (!plan.planId().equals(data.get("planId"))) {
                continue;
            }
            switch (event.type()) {
                case "SupportNeedAssessed" -> text(data, "notes").ifPresent(t -> needNotes.put(
                        String.valueOf(data.get("need")), t));
                case "ServiceReferred" -> text(data, "note").ifPresent(t -> referralTexts.computeIfAbsent(
                        String.valueOf(data.get("referralId")), k -> new LinkedHashMap<>()).put("note", t));
                case "ServiceReferralDeclined" -> text(data, "reason").ifPresent(t -> referralTexts.computeIfAbsent(
                        String.valueOf(data.get("referralId")), k -> new LinkedHashMap<>()).put("declineReason", t));
                case "ServiceDelivered" -> text(data, "notes").ifPresent(t -> referralTexts.computeIfAbsent(
                        String.valueOf(data.get("referralId")), k -> new LinkedHashMap<>()).put("deliveryNotes", t));
                case "ServiceReferralClosed" -> text(data, "notes").ifPresent(t -> referralTexts.computeIfAbsent(
                        String.valueOf(data.get("referralId")), k -> new LinkedHashMap<>()).put("closureNotes", t));
                case "SupportPlanReviewed" -> {
                    ObjectNode review = JsonNodeFactory.instance.objectNode();
                    review.put("reviewedAt", event.occurredAt().toString());
                    review.put("reviewedBy", event.agency());
                    text(data, "notes").filter(t -> personal).ifPresent(t -> review.put("notes", t));
                    reviews.add(review);
                }
                default -> {
                }
            }
        }
        ObjectNode p = pkg.putObject("reintegrationPlan");
        p.put("ownerAgency", plan.ownerAgency());
        p.put("openedAt", plan.openedAt().toString());
        p.put("reviewDueAt", plan.reviewDueAt().toString());
        p.put("lastReviewedAt", text(plan.lastReviewedAt()));
        ArrayNode needs = p.putArray("needs");
        for (var need : plans.needs(plan.planId())) {
            ObjectNode n = needs.addObject();
            n.put("need", need.need());
            n.put("spl_Type", SPL_TYPE.get(need.need()));
            n.put("assessedAt", need.assessedAt().toString());
            if (personal && needNotes.containsKey(need.need())) {
                n.put("notes", needNotes.get(need.need()));
            }
        }
        ArrayNode r = p.putArray("reviews");
        reviews.forEach(r::add);
        ArrayNode services = pkg.putArray("services");
        for (var referral : plans.referralsOfPlan(plan.planId())) {
            ObjectNode s = services.addObject();
            s.put("referralId", referral.referralId());
            s.put("need", referral.need());
            s.put("spl_Type", SPL_TYPE.get(referral.need()));
            s.put("providerId", referral.providerId());
            s.put("providerAgency", referral.providerAgency());
            s.put("status", referral.status());
            s.put("referredAt", referral.referredAt().toString());
            s.put("acceptedAt", text(referral.acceptedAt()));
            s.put("declinedAt", text(referral.declinedAt()));
            s.put("deliveredAt", text(referral.deliveredAt()));
            s.put("closedAt", text(referral.closedAt()));
            if (personal) {
                referralTexts.getOrDefault(referral.referralId(), Map.of()).forEach(s::put);
            }
        }
    }

    /**
     * HTCDS 2.0's {@code spl_Type} of each need: the standard's picklist is coarser (Education, Financial, Health,
     * Legal, Livelihood, SocialCare, ...), the platform's {@code need} goes with it.
     */
    static final Map<String, String> SPL_TYPE = Map.of("ACCOMMODATION", "SocialCare", "MEDICAL", "Health",
            "PSYCHOLOGICAL", "Health", "LEGAL_ADVICE_AND_REPRESENTATION", "Legal", "INTERPRETATION", "SocialCare",
            "SUBSISTENCE", "Financial", "EDUCATION_AND_VOCATIONAL_TRAINING", "Education", "EMPLOYMENT", "Livelihood",
            "FAMILY_TRACING", "SocialCare", "SAFE_RETURN_OR_REINTEGRATION", "SocialCare");

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static java.util.Optional<String> text(Map<String, Object> data, String field) {
        return data.get(field) instanceof String t && !t.isBlank() ? java.util.Optional.of(t)
                : java.util.Optional.empty();
    }

    /** What an import answers: the returning national's case opened. */
    public record Imported(String caseId, String reference) {
    }

    /**
     * Verifies a package and opens the returning national's case, in one transaction with the replay guard: a package
     * refused for any reason stores nothing.
     */
    @Transactional
    public Imported importPackage(JsonNode envelope, NrmUser user) {
        if (envelope == null || !envelope.path("package").isObject() || !envelope.path("signature").isTextual()
                || !envelope.path("keyId").isTextual()) {
            throw new HandoverRefused("malformed-package",
                    "A handover is {\"package\": {...}, \"signature\": \"..\", \"keyId\": \"..\"}.");
        }
        JsonNode pkg = envelope.get("package");
        String keyId = envelope.get("keyId").asText();
        if (!keyId.matches(HandoverPartners.KEY_ID)) {
            throw new HandoverRefused("unknown-key", "The package names no key id a partner could have.");
        }
        HandoverPartners.PartnerKey partner = partners.find(keyId).orElseThrow(() -> new HandoverRefused(
                "unknown-key", "The package is signed with key " + keyId + ", which is no trusted partner's."));
        if (partner.revoked()) {
            throw new HandoverRefused("revoked-key", "The key " + keyId + " was revoked on " + partner.revokedAt()
                    + "; its packages are no longer trusted.");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(envelope.get("signature").asText());
        } catch (IllegalArgumentException e) {
            throw new HandoverRefused("bad-signature", "The signature is not base64url.");
        }
        boolean verified = HandoverSigningKeys.verify(HandoverSigningKeys.publicKey(partner.publicKey()),
                CanonicalJson.bytes(pkg), signature);
        boolean intact = pkg.path("contentDigest").isTextual()
                && pkg.get("contentDigest").asText().equals(digest(withoutDigest(pkg)));
        if (!intact) {
            throw new HandoverRefused("altered-package",
                    "The package's content does not match its digest: it was altered after it was issued.");
        }
        if (!verified) {
            throw new HandoverRefused("bad-signature",
                    "The signature does not verify with the key " + keyId + ": the package was altered or not "
                            + "signed by that partner.");
        }
        if (!keyId.equals(pkg.path("keyId").asText())) {
            throw new HandoverRefused("altered-package", "The package names another signing key than its envelope.");
        }
        if (!FORMAT.equals(pkg.path("format").asText())) {
            throw new HandoverRefused("malformed-package", "Unknown package format (expected " + FORMAT + ").");
        }
        String source = pkg.path("sourceCountry").asText();
        if (!partner.country().equals(source)) {
            throw new HandoverRefused("wrong-source-country", "The package says it comes from " + source
                    + ", but its key is " + partner.country() + "'s.");
        }
        String own = jurisdiction.countryCode();
        if (!own.equals(pkg.path("destinationCountry").asText())) {
            throw new HandoverRefused("wrong-destination", "The package is for "
                    + pkg.path("destinationCountry").asText() + ", not for " + own + ".");
        }
        Instant now = clock.instant();
        Instant expiresAt = instant(pkg, "expiresAt");
        if (!now.isBefore(expiresAt)) {
            throw new HandoverRefused("expired", "The package expired at " + expiresAt + ".");
        }
        String packageId = pkg.path("packageId").asText();
        if (!packageId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new HandoverRefused("malformed-package", "'packageId' must be given (at most 64 letters, digits, '.', '_', '-').");
        }
        Integer seen = jdbc.queryForObject("SELECT count(*) FROM handover_import WHERE package_id = ?", Integer.class,
                packageId);
        if (seen != null && seen > 0) {
            throw new HandoverRefused("replayed", "The package " + packageId + " was imported before.");
        }
        DecisionAbroad decision = decisionAbroad(pkg, source);
        PersonProfile profile = profile(pkg.path("profile"), now);
        PersonalDetails person = null;
        if (pkg.path("personalDataIncluded").asBoolean(false) && pkg.path("personalData").isObject()) {
            JsonNode p = pkg.get("personalData");
            person = new PersonalDetails(text(p, "givenName"), text(p, "familyName"), date(p, "birthDate"), null);
        }
        String caseId = UUID.randomUUID().toString();
        try {
            jdbc.update("INSERT INTO handover_import (package_id, key_id, source_country, case_id, imported_at, "
                    + "imported_by) VALUES (?, ?, ?, ?, ?, ?)", packageId, keyId, source, caseId, Timestamp.from(now),
                    user.userId());
        } catch (DuplicateKeyException e) {
            throw new HandoverRefused("replayed", "The package " + packageId + " was imported before.");
        }
        // the reference after every refusal the import can meet before the case: a refused package takes none
        Long number = jdbc.queryForObject("SELECT nextval('case_reference_seq')", Long.class);
        String reference = ReferralService.reference(LocalDate.ofInstant(now, jurisdiction.zone()).getYear(), number);
        try {
            commands.sendCreating(new OpenReturningNationalCase(caseId, reference, user.agency(), person, profile, decision,
                    packageId, text(pkg, "sourceReference")), user.actor());
        } catch (RuntimeException e) {
            CaseRuleViolation rule = ruleOf(e);
            if (rule != null) {
                throw new HandoverRefused(rule.rule(), rule.getMessage());
            }
            throw e;
        }
        return new Imported(caseId, reference);
    }

    private static CaseRuleViolation ruleOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CaseRuleViolation v) {
                return v;
            }
        }
        if (e instanceof org.axonframework.commandhandling.CommandExecutionException c
                && c.getDetails().orElse(null) instanceof String rule) {
            return new CaseRuleViolation(rule, e.getMessage());
        }
        return null;
    }

    /** The decision that identified the person: the last positive conclusive one, else the last positive one. */
    private DecisionAbroad decisionAbroad(JsonNode pkg, String source) {
        JsonNode chosen = null;
        for (JsonNode d : pkg.path("decisions")) {
            String kind = d.path("decision").asText();
            if (!"POSITIVE".equals(d.path("outcome").asText())
                    || !(kind.equals("REASONABLE_GROUNDS") || kind.equals("CONCLUSIVE_GROUNDS"))) {
                continue;
            }
            if (chosen == null || kind.equals("CONCLUSIVE_GROUNDS")
                    || chosen.path("decision").asText().equals("REASONABLE_GROUNDS")) {
                chosen = d;
            }
        }
        if (chosen == null) {
            throw new HandoverRefused("not-identified-abroad",
                    "The package holds no positive identification decision.");
        }
        // a decision the source itself had recorded from abroad (a package re-exported after an import) keeps its
        // own country and day
        String country = text(chosen, "decidingCountry");
        if (country == null || !country.matches("[A-Z]{2}")) {
            country = source;
        }
        LocalDate decidedOn = text(chosen, "decidedOn") != null ? date(chosen, "decidedOn")
                : LocalDate.ofInstant(instant(chosen, "decidedAt"), jurisdiction.zone());
        String organisation = text(chosen, "decidingOrganisation");
        return new DecisionAbroad(country, organisation == null ? country : organisation,
                DecisionKind.valueOf(chosen.get("decision").asText()), GroundsOutcome.POSITIVE, decidedOn);
    }

    private static PersonProfile profile(JsonNode p, Instant now) {
        if (!p.isObject()) {
            throw new HandoverRefused("malformed-package", "'profile' must be given.");
        }
        Gender gender = constant(Gender.class, p.path("gender").asText("UNKNOWN"), "profile.gender");
        AgeGroup age = constant(AgeGroup.class, p.path("ageGroup").asText("UNKNOWN"), "profile.ageGroup");
        if (p.path("child").asBoolean(false)) {
            age = AgeGroup.CHILD;
        }
        List<String> citizenships = codes(p.path("citizenships"), "[A-Z]{2}", "profile.citizenships");
        List<String> languages = codes(p.path("languages"), "[a-z]{3}", "profile.languages");
        return new PersonProfile(gender, age, false, citizenships, languages);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new HandoverRefused("malformed-package", "'" + field + "' holds an unknown code.");
        }
    }

    private static List<String> codes(JsonNode array, String pattern, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode code : array) {
            if (!code.isTextual() || !code.asText().matches(pattern)) {
                throw new HandoverRefused("malformed-package", "'" + field + "' holds an invalid code.");
            }
            out.add(code.asText());
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static LocalDate date(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new HandoverRefused("malformed-package", "'" + field + "' is not an ISO date.");
        }
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(node.path(field).asText());
        } catch (DateTimeParseException e) {
            throw new HandoverRefused("malformed-package", "'" + field + "' is not an ISO-8601 instant.");
        }
    }

    private static List<String> citizenships(Map<String, String> fields) {
        String value = fields.getOrDefault("prs_Citizenship", "");
        return value.isBlank() ? List.of() : List.of(value.split(";"));
    }

    private static List<String> languagesOf(Map<String, String> fields) {
        List<String> out = new ArrayList<>();
        for (String name : List.of("prs_PrimaryLanguage", "prs_SecondaryLanguage")) {
            String value = fields.getOrDefault(name, "");
            if (!value.isBlank()) {
                out.add(value.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static JsonNode withoutDigest(JsonNode pkg) {
        ObjectNode copy = ((ObjectNode) pkg).deepCopy();
        copy.remove("contentDigest");
        return copy;
    }

    static String digest(JsonNode content) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(CanonicalJson.bytes(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
