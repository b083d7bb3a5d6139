package org.nrm.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.nrm.app.handover.HandoverPackages;
import org.nrm.app.handover.HandoverRefused;
import org.nrm.app.handover.ReturningNationals;
import org.nrm.app.referral.IsoCodes;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.referral.api.DecisionKind;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.GroundsOutcome;
import org.nrm.referral.model.CaseRuleViolation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The return organisation's and the competent authority's pages for cross-border handovers (issue 16): a returning
 * national's case opened by hand (the fields of {@code POST /api/returning-nationals}), a case's signed handover
 * package downloaded from its case page ({@code GET /api/cases/{id}/handover}: a form, since the export is recorded on
 * the case), and a partner's package imported, uploaded or pasted ({@code POST /api/handovers}), its refusal (the
 * API's 422) shown in plain words. The pages' chain lets only those agencies' case workers and leads through; the
 * services, and so the rules, are the API's.
 */
@Controller
class HandoverPages {

    /** The largest package the import page reads (the API's request bodies are limited alike). */
    private static final int MAX_PACKAGE = 1_000_000;

    private final ReturningNationals returningNationals;
    private final HandoverPackages packages;
    private final Access access;
    private final FormErrors formErrors;
    private final CasePages casePages;
    private final ObjectMapper mapper;

    HandoverPages(ReturningNationals returningNationals, HandoverPackages packages, Access access,
                  FormErrors formErrors, CasePages casePages, ObjectMapper mapper) {
        this.returningNationals = returningNationals;
        this.packages = packages;
        this.access = access;
        this.formErrors = formErrors;
        this.casePages = casePages;
        this.mapper = mapper;
    }

    @GetMapping("/returning-nationals/new")
    String returningNational(Model model) {
        return returningNationalForm(model, Map.of(), Map.of());
    }

    @PostMapping("/returning-nationals")
    String openReturningNational(@ModelAttribute ReferralForm form,
                                 @RequestParam(defaultValue = "") String sourceCountry,
                                 @RequestParam(defaultValue = "") String decidingOrganisation,
                                 @RequestParam(defaultValue = "") String kind,
                                 @RequestParam(defaultValue = "") String outcome,
                                 @RequestParam(defaultValue = "") String decidedOn,
                                 @RequestParam(defaultValue = "") String sourceReference,
                                 Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String unreadable = formErrors.message("validation.unreadable");
        LocalDate birth = date(form.getBirthDate(), "birthDate", errors, unreadable);
        LocalDate decided = date(decidedOn, "decidedOn", errors, unreadable);
        var person = form.person(birth, errors, unreadable);
        var decision = new ReturningNationals.Decision(blank(sourceCountry) == null ? null
                : sourceCountry.strip().toUpperCase(Locale.ROOT), blank(decidingOrganisation),
                parse(DecisionKind.class, kind, "kind", errors, unreadable),
                parse(GroundsOutcome.class, outcome, "outcome", errors, unreadable), decided);
        var request = new ReturningNationals.OpenRequest(person, decision, blank(sourceReference));
        formErrors.of(request, "").forEach(errors::putIfAbsent);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("givenName", form.getGivenName());
        values.put("familyName", form.getFamilyName());
        values.put("birthDate", form.getBirthDate());
        values.put("gender", form.getGender());
        values.put("citizenships", form.getCitizenships());
        values.put("languages", form.getLanguages());
        values.put("sourceCountry", sourceCountry);
        values.put("decidingOrganisation", decidingOrganisation);
        values.put("kind", kind);
        values.put("outcome", outcome);
        values.put("decidedOn", decidedOn);
        values.put("sourceReference", sourceReference);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return returningNationalForm(model, errors, values);
        }
        ReturningNationals.Opened opened;
        try {
            opened = returningNationals.open(request, NrmUser.current());
        } catch (CaseRuleViolation | CommandExecutionException e) {
            response.setStatus(409);
            return returningNationalForm(model, Map.of("rule", CasePages.ruleMessage(e)), values);
        }
        redirect.addFlashAttribute("notice", "returning.done");
        redirect.addFlashAttribute("noticeArgument", opened.reference());
        return "redirect:/cases/" + opened.caseId();
    }

    private String returningNationalForm(Model model, Map<String, String> errors, Map<String, String> values) {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, FormErrors.shown(v)));
        values = shown;
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("genders", Arrays.stream(Gender.values()).map(Enum::name).toList());
        model.addAttribute("kinds", Arrays.stream(DecisionKind.values()).map(Enum::name).toList());
        model.addAttribute("outcomes", Arrays.stream(GroundsOutcome.values()).map(Enum::name).toList());
        return "returning-national";
    }

    /** The case's signed package as a download; the destination defaults to the person's other citizenship. */
    @PostMapping("/cases/{caseId}/handover")
    Object export(@PathVariable String caseId, @RequestParam(defaultValue = "") String to, Model model,
                  HttpServletResponse response) {
        NrmUser user = NrmUser.current();
        if (!access.handsOverAbroad(user) || !access.mayActOn(user, caseId)) {
            throw new PageNotFound();
        }
        String destination = blank(to) == null ? null : to.strip().toUpperCase(Locale.ROOT);
        Map<String, String> values = Map.of("handover.to", to);
        if (destination != null && !IsoCodes.isCountry(destination)) {
            response.setStatus(400);
            return casePages.show(caseId, model, Map.of("handover.to", formErrors.message("validation.to.Pattern")),
                    values, null);
        }
        Map<String, Object> pkg;
        try {
            pkg = packages.export(caseId, destination, user);
        } catch (CaseRuleViolation | CommandExecutionException e) {
            response.setStatus(409);
            return casePages.show(caseId, model, Map.of("handover.rule", CasePages.ruleMessage(e)), values, null);
        }
        byte[] body;
        try {
            body = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(pkg);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("handover-" + caseId + ".json").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    @GetMapping("/handovers/import")
    String importPage(Model model) {
        model.addAttribute("errors", Map.of());
        model.addAttribute("values", Map.of());
        return "handover-import";
    }

    /** A partner's package, uploaded as a file or pasted; refused packages store nothing and say why. */
    @PostMapping("/handovers")
    String importPackage(@RequestParam(name = "file", required = false) MultipartFile file,
                         @RequestParam(name = "package", defaultValue = "") String pasted, Model model,
                         RedirectAttributes redirect, HttpServletResponse response) {
        String text = pasted;
        Map<String, String> values = Map.of("package", pasted.length() > MAX_PACKAGE ? "" : pasted);
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > MAX_PACKAGE) {
                return refusedImport(model, response, 422, Map.of("package",
                        formErrors.message("handover.import.tooLarge")), values);
            }
            try {
                text = new String(file.getBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return refusedImport(model, response, 400, Map.of("package",
                        formErrors.message("handover.import.unreadable")), values);
            }
        }
        if (text.isBlank()) {
            return refusedImport(model, response, 400, Map.of("package", formErrors.message("handover.import.empty")),
                    values);
        }
        if (text.length() > MAX_PACKAGE) {
            return refusedImport(model, response, 422, Map.of("package",
                    formErrors.message("handover.import.tooLarge")), values);
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return refusedImport(model, response, 400, Map.of("package",
                    formErrors.message("handover.import.unreadable")), values);
        }
        HandoverPackages.Imported imported;
        try {
            imported = packages.importPackage(envelope, NrmUser.current());
        } catch (HandoverRefused e) {
            model.addAttribute("refusedReason", e.reason());
            model.addAttribute("refusedDetail", e.getMessage());
            return refusedImport(model, response, 422, Map.of("rule", refusal(e)), values);
        } catch (CaseRuleViolation | CommandExecutionException e) {
            return refusedImport(model, response, 409, Map.of("rule", CasePages.ruleMessage(e)), values);
        }
        redirect.addFlashAttribute("notice", "handover.import.done");
        redirect.addFlashAttribute("noticeArgument", imported.reference());
        return "redirect:/cases/" + imported.caseId();
    }

    private String refusedImport(Model model, HttpServletResponse response, int status, Map<String, String> errors,
                                 Map<String, String> values) {
        response.setStatus(status);
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "handover-import";
    }

    /** The refusal in plain words: the bundle's text for the reason, else the service's own message. */
    private String refusal(HandoverRefused e) {
        try {
            return formErrors.message("handover.refused." + e.reason());
        } catch (org.springframework.context.NoSuchMessageException unknown) {
            return e.getMessage();
        }
    }

    private static LocalDate date(String text, String field, Map<String, String> errors, String unreadable) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, unreadable);
            return null;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, Map<String, String> errors,
                                               String unreadable) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.put(field, unreadable);
            return null;
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
