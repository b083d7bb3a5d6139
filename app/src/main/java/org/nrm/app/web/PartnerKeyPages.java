package org.nrm.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.handover.HandoverPackages;
import org.nrm.app.handover.HandoverPartners;
import org.nrm.app.security.NrmUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's partner keys (issue 16): this installation's own public key and key id (what partners
 * register), the partners' keys with their state, and the forms to register a partner's key (a rotation names the
 * key it replaces, revoked in the same step) and to revoke one. The services of {@code /api/admin/handover-partners}
 * and {@code GET /api/handovers/key}; a refused registration is shown again with the message by its field.
 */
@Controller
class PartnerKeyPages {

    private final HandoverPartners partners;
    private final HandoverPackages packages;
    private final JurisdictionProperties jurisdiction;
    private final ObjectMapper mapper;
    private final FormErrors formErrors;

    PartnerKeyPages(HandoverPartners partners, HandoverPackages packages, JurisdictionProperties jurisdiction,
                    ObjectMapper mapper, FormErrors formErrors) {
        this.formErrors = formErrors;
        this.partners = partners;
        this.packages = packages;
        this.jurisdiction = jurisdiction;
        this.mapper = mapper;
    }

    @GetMapping("/admin/handover-partners")
    String page(Model model) {
        return show(model, Map.of(), Map.of());
    }

    @PostMapping("/admin/handover-partners")
    String register(@RequestParam(defaultValue = "") String country, @RequestParam(defaultValue = "") String keyId,
                    @RequestParam(defaultValue = "") String publicKey, @RequestParam(defaultValue = "") String replaces,
                    Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("country", country);
        values.put("keyId", keyId);
        values.put("publicKey", publicKey);
        values.put("replaces", replaces);
        Object key = blank(publicKey);
        if (key instanceof String text && text.startsWith("{")) {
            try {
                key = mapper.readValue(text, Map.class);
            } catch (JsonProcessingException e) {
                response.setStatus(400);
                return show(model, Map.of("publicKey", formErrors.message("partners.publicKeyUnreadable")), values);
            }
        }
        HandoverPartners.PartnerKey registered;
        try {
            registered = partners.register(blank(country) == null ? null : country.strip().toUpperCase(Locale.ROOT),
                    blank(keyId), key, blank(replaces), jurisdiction.countryCode(), NrmUser.current());
        } catch (HandoverPartners.RegistrationRefused e) {
            response.setStatus(e.conflict() ? 409 : 400);
            return show(model, Map.of(e.field() == null ? "rule" : e.field(), e.getMessage()), values);
        }
        redirect.addFlashAttribute("notice", "partners.registeredDone");
        redirect.addFlashAttribute("noticeArgument", registered.keyId());
        return "redirect:/admin/handover-partners";
    }

    @PostMapping("/admin/handover-partners/{keyId}/revocation")
    String revoke(@PathVariable String keyId, RedirectAttributes redirect) {
        if (!keyId.matches(HandoverPartners.KEY_ID) || partners.find(keyId).isEmpty()) {
            throw new PageNotFound();
        }
        partners.revoke(keyId, NrmUser.current());
        redirect.addFlashAttribute("notice", "partners.revokedDone");
        redirect.addFlashAttribute("noticeArgument", keyId);
        return "redirect:/admin/handover-partners";
    }

    private String show(Model model, Map<String, String> errors, Map<String, String> values) {
        Map<String, Object> own = packages.publicKey();
        model.addAttribute("ownKeyId", own.get("keyId"));
        model.addAttribute("ownCountry", own.get("country"));
        try {
            model.addAttribute("ownPublicKey", mapper.writeValueAsString(own.get("publicKey")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        model.addAttribute("partnerKeys", partners.all());
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "partner-keys";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
