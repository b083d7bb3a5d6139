package org.nrm.app.web;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandExecutionException;
import org.nrm.app.cases.CaseRecords;
import org.nrm.app.cases.CriminalCaseRequests;
import org.nrm.app.cases.CriminalCaseSteps;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.protection.PersonalDataReads;
import org.nrm.app.security.Access;
import org.nrm.app.security.CaseStepAccess;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.projections.consent.CaseConsents;
import org.nrm.projections.prosecution.CriminalCases;
import org.nrm.referral.api.AgencyRole;
import org.nrm.referral.api.CooperationStatus;
import org.nrm.referral.api.Offence;
import org.nrm.referral.api.ProtectiveMeasure;
import org.nrm.referral.api.Verdict;
import org.nrm.referral.model.CaseRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The criminal case of a person's case as a page (issue 17; the same steps and read model as the API's
 * CriminalCaseController): the case's non-personal facts, the journey's stages and countries, the investigation,
 * cooperation, protective measures and outcome, the person's name only while their consent to share data with the
 * reader's agency is in force, never the narrative. Its forms are shown only to who may use them: law enforcement
 * involved in the case opens the investigation; law enforcement and the prosecution record the cooperation and the
 * protective measures; the prosecution records the outcome. Bad input shows the page again with the message next to
 * the field and stores nothing. The agencies the investigation names reach it from {@code /criminal-cases}.
 */
@Controller
class CriminalCasePages {

    private final CriminalCaseSteps steps;
    private final CriminalCases criminalCases;
    private final Access access;
    private final CaseStepAccess stepAccess;
    private final CaseHistory history;
    private final CaseConsents consents;
    private final PersonalDataReads reads;
    private final JurisdictionProperties jurisdiction;
    private final FormErrors formErrors;
    private final Clock clock;

    CriminalCasePages(CriminalCaseSteps steps, CriminalCases criminalCases, Access access, CaseStepAccess stepAccess,
                      CaseHistory history, CaseConsents consents, PersonalDataReads reads,
                      JurisdictionProperties jurisdiction, FormErrors formErrors, Clock clock) {
        this.steps = steps;
        this.criminalCases = criminalCases;
        this.access = access;
        this.stepAccess = stepAccess;
        this.history = history;
        this.consents = consents;
        this.reads = reads;
        this.jurisdiction = jurisdiction;
        this.formErrors = formErrors;
        this.clock = clock;
    }

    /** The criminal cases the user's agency investigates or prosecutes. */
    @GetMapping("/criminal-cases")
    String list(Model model) {
        NrmUser user = NrmUser.current();
        if (!stepAccess.mayReadCriminalCase(user)) {
            throw new PageNotFound();
        }
        model.addAttribute("criminalCases", criminalCases.naming(user.agency()));
        return "criminal-cases";
    }

    @GetMapping("/cases/{caseId}/criminal-case")
    String page(@PathVariable String caseId, Model model) {
        NrmUser user = reader(caseId);
        return show(caseId, user, model, Map.of(), Map.of());
    }

    @PostMapping("/cases/{caseId}/criminal-case/investigation")
    String investigation(@PathVariable String caseId, @RequestParam Map<String, String> form, Model model,
                         RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = reader(caseId);
        if (!(stepAccess.mayOpenInvestigation(user) && access.mayActOn(user, caseId))) {
            throw new PageNotFound();
        }
        String prefix = "investigation.";
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate openedOn = date(form.get("openedOn"), prefix + "openedOn", errors, true);
        String prosecuting = blank(form.get("prosecutingAgency"));
        var request = new CriminalCaseRequests.Investigation(blank(form.get("reference")), openedOn, prosecuting);
        formErrors.of(request, prefix).forEach(errors::putIfAbsent);
        if (prosecuting != null && !jurisdiction.agencyPlays(prosecuting, AgencyRole.PROSECUTION)) {
            errors.putIfAbsent(prefix + "prosecutingAgency", formErrors.message("criminal.error.prosecutingAgency"));
        }
        return step(caseId, user, model, redirect, response, prefix, form, errors,
                () -> steps.openInvestigation(caseId, request, user));
    }

    @PostMapping("/cases/{caseId}/criminal-case/cooperation")
    String cooperation(@PathVariable String caseId, @RequestParam Map<String, String> form, Model model,
                       RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = onCriminalCase(caseId, stepAccess.mayRecordCooperation(NrmUser.current()));
        String prefix = "cooperation.";
        Map<String, String> errors = new LinkedHashMap<>();
        CooperationStatus status = code(CooperationStatus.class, form.get("status"), prefix + "status", errors);
        var request = new CriminalCaseRequests.Cooperation(status);
        formErrors.of(request, prefix).forEach(errors::putIfAbsent);
        return step(caseId, user, model, redirect, response, prefix, form, errors,
                () -> steps.recordCooperation(caseId, request, user));
    }

    @PostMapping("/cases/{caseId}/criminal-case/witness-protection")
    String witnessProtection(@PathVariable String caseId, @RequestParam Map<String, String> form,
                             @RequestParam(name = "measures", required = false) List<String> measures, Model model,
                             RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = onCriminalCase(caseId, stepAccess.mayRecordCooperation(NrmUser.current()));
        String prefix = "protection.";
        Map<String, String> errors = new LinkedHashMap<>();
        Set<ProtectiveMeasure> chosen = new LinkedHashSet<>();
        for (String measure : measures == null ? List.<String>of() : measures) {
            ProtectiveMeasure m = code(ProtectiveMeasure.class, measure, prefix + "measures", errors);
            if (m != null) {
                chosen.add(m);
            }
        }
        if (chosen.isEmpty()) {
            errors.putIfAbsent(prefix + "measures", formErrors.message("criminal.error.measures"));
        }
        var request = new CriminalCaseRequests.WitnessProtection(chosen, blank(form.get("notes")));
        formErrors.of(request, prefix).forEach(errors::putIfAbsent);
        return step(caseId, user, model, redirect, response, prefix, form, errors,
                () -> steps.recordWitnessProtection(caseId, request, user));
    }

    @PostMapping("/cases/{caseId}/criminal-case/outcome")
    String outcome(@PathVariable String caseId, @RequestParam Map<String, String> form, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = onCriminalCase(caseId, stepAccess.mayRecordProsecutionOutcome(NrmUser.current()));
        String prefix = "outcome.";
        Map<String, String> errors = new LinkedHashMap<>();
        Integer charged = number(form.get("suspectsCharged"), prefix + "suspectsCharged", errors);
        Offence offence = code(Offence.class, form.get("offence"), prefix + "offence", errors);
        Verdict verdict = code(Verdict.class, form.get("verdict"), prefix + "verdict", errors);
        Integer months = number(form.get("sentenceMonths"), prefix + "sentenceMonths", errors);
        BigDecimal compensation = null;
        String amount = blank(form.get("compensationOrdered"));
        if (amount != null) {
            try {
                compensation = new BigDecimal(amount);
            } catch (NumberFormatException e) {
                errors.put(prefix + "compensationOrdered", formErrors.message("validation.unreadable"));
            }
        }
        String currency = blank(form.get("currency"));
        currency = currency == null ? null : currency.toUpperCase(java.util.Locale.ROOT);
        LocalDate decidedOn = date(form.get("decidedOn"), prefix + "decidedOn", errors, false);
        var request = new CriminalCaseRequests.ProsecutionOutcome(charged, offence, verdict, months, compensation,
                currency, decidedOn);
        formErrors.of(request, prefix).forEach(errors::putIfAbsent);
        if (compensation != null && currency == null) {
            errors.putIfAbsent(prefix + "currency", formErrors.message("criminal.error.currency"));
        }
        return step(caseId, user, model, redirect, response, prefix, form, errors,
                () -> steps.recordProsecutionOutcome(caseId, request, user));
    }

    private String step(String caseId, NrmUser user, Model model, RedirectAttributes redirect,
                        HttpServletResponse response, String prefix, Map<String, String> form,
                        Map<String, String> errors, Runnable step) {
        Map<String, String> values = new LinkedHashMap<>();
        form.forEach((name, value) -> values.put(prefix + name, value));
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return show(caseId, user, model, errors, values);
        }
        try {
            step.run();
        } catch (CaseRuleViolation | CommandExecutionException e) {
            response.setStatus(409);
            return show(caseId, user, model, Map.of(prefix + "rule", PublicReportPages.ruleMessage(e)), values);
        }
        redirect.addFlashAttribute("notice", "criminal.recorded");
        return "redirect:/cases/" + caseId + "/criminal-case";
    }

    private String show(String caseId, NrmUser user, Model model, Map<String, String> errors,
                        Map<String, String> values) {
        var criminalCase = criminalCases.of(caseId).orElse(null);
        model.addAttribute("caseId", caseId);
        model.addAttribute("facts", criminalCases.facts(caseId).orElse(Map.of("caseId", caseId)));
        model.addAttribute("journey", criminalCases.journey(caseId));
        model.addAttribute("criminalCase", criminalCase);
        model.addAttribute("involved", access.mayActOn(user, caseId));
        if (consents.sharesWith(caseId, user.agency())) {
            reads.record(caseId, user, "criminal case");
            model.addAttribute("personName", CaseRecords.personName(history.of(caseId)));
        }
        model.addAttribute("mayOpen", criminalCase == null && stepAccess.mayOpenInvestigation(user)
                && access.mayActOn(user, caseId));
        model.addAttribute("mayCooperate", criminalCase != null && stepAccess.mayRecordCooperation(user));
        model.addAttribute("mayDecide", criminalCase != null && criminalCase.verdict() == null
                && stepAccess.mayRecordProsecutionOutcome(user));
        model.addAttribute("prosecutionAgencies", jurisdiction.agencies().entrySet().stream()
                .filter(e -> e.getValue().contains(AgencyRole.PROSECUTION)).map(Map.Entry::getKey).sorted().toList());
        model.addAttribute("cooperationStatuses", names(CooperationStatus.values()));
        model.addAttribute("measures", names(ProtectiveMeasure.values()));
        model.addAttribute("offences", names(Offence.values()));
        model.addAttribute("verdicts", names(Verdict.values()));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "criminal-case";
    }

    /** A reader of the criminal case: involved in the case or named by its investigation, with a role that reads it. */
    private NrmUser reader(String caseId) {
        NrmUser user = NrmUser.current();
        if (!stepAccess.mayReadCriminalCase(user)
                || !(access.mayActOn(user, caseId) || criminalCases.involves(caseId, user.agency()))
                || !history.exists(caseId)) {
            throw new PageNotFound();
        }
        return user;
    }

    private NrmUser onCriminalCase(String caseId, boolean mayStep) {
        NrmUser user = reader(caseId);
        if (!mayStep) {
            throw new PageNotFound();
        }
        return user;
    }

    private LocalDate date(String text, String field, Map<String, String> errors, boolean required) {
        String value = blank(text);
        if (value == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.isAfter(LocalDate.now(clock.withZone(jurisdiction.zone())))) {
                errors.put(field, formErrors.message("criminal.error.future"));
            }
            return date;
        } catch (java.time.format.DateTimeParseException e) {
            errors.put(field, formErrors.message("validation.unreadable"));
            return null;
        }
    }

    private Integer number(String text, String field, Map<String, String> errors) {
        String value = blank(text);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            errors.put(field, formErrors.message("validation.unreadable"));
            return null;
        }
    }

    private <E extends Enum<E>> E code(Class<E> type, String text, String field, Map<String, String> errors) {
        String value = blank(text);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.put(field, formErrors.message("validation.unreadable"));
            return null;
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
