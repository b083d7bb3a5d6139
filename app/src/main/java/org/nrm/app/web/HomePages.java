package org.nrm.app.web;

import org.nrm.app.security.NrmUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Sign-in, and the home page: each role's own starting page, at {@code /}. */
@Controller
class HomePages {

    private final ObjectProvider<InMemoryClientRegistrationRepository> registrations;
    private final boolean formLogin;

    HomePages(ObjectProvider<InMemoryClientRegistrationRepository> registrations,
              ObjectProvider<org.nrm.app.security.DemoUsers.Directory> demoUsers) {
        this.registrations = registrations;
        this.formLogin = demoUsers.getIfAvailable() != null;
    }

    @GetMapping("/")
    String home() {
        return switch (NrmUser.current().role()) {
            case CASE_WORKER -> "forward:/inbox";
            case LEAD -> "forward:/queues";
            case OVERSIGHT -> "forward:/statistics";
            case ADMIN -> "forward:/admin";
        };
    }

    @GetMapping("/login")
    String login(Model model) {
        var providers = new java.util.ArrayList<ClientRegistration>();
        InMemoryClientRegistrationRepository repository = registrations.getIfAvailable();
        if (repository != null) {
            repository.forEach(providers::add);
        }
        model.addAttribute("providers", providers);
        model.addAttribute("formLogin", formLogin);
        return "login";
    }

    @org.springframework.web.bind.annotation.RequestMapping("/denied")
    String denied(Model model, jakarta.servlet.http.HttpServletRequest request,
                  jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(403);
        // a form posted without its token, or with one of a session that ended: not a matter of the user's role
        boolean staleForm = request.getAttribute(org.springframework.security.web.WebAttributes.ACCESS_DENIED_403)
                instanceof org.springframework.security.web.csrf.CsrfException;
        // the rapporteur follows a link to a case page (from a notification, a report, a colleague): the case is read
        // in the audit view, pseudonymised, which the page points to; the case page itself stays closed to oversight
        Object asked = request.getAttribute(jakarta.servlet.RequestDispatcher.FORWARD_REQUEST_URI);
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (asked instanceof String uri && uri.matches("/cases/[A-Za-z0-9-]{1,64}/?") && auth != null
                && auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(org.nrm.app.security.UserRole.OVERSIGHT.authority()))) {
            model.addAttribute("auditLink", "/audit/cases/" + uri.substring("/cases/".length()).replace("/", ""));
        }
        return PageErrors.error(model, 403, staleForm ? "error.staleForm" : "error.denied");
    }
}
