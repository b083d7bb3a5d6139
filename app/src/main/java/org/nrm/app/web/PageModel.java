package org.nrm.app.web;

import java.util.ArrayList;
import java.util.List;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header needs: the signed-in user, their agency and role, and the links their role may follow. */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    /** A link of the navigation: its path and the message key of its text. */
    record Link(String path, String label) {
    }

    private final Access access;
    private final org.nrm.app.security.CaseStepAccess steps;

    PageModel(Access access, org.nrm.app.security.CaseStepAccess steps) {
        this.access = access;
        this.steps = steps;
    }

    @ModelAttribute("me")
    NrmUser me() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return null;
        }
        try {
            return NrmUser.from(authentication);
        } catch (RuntimeException incomplete) {
            return null;
        }
    }

    /** The page's path, for marking the current link of the navigation. */
    @ModelAttribute("currentPath")
    String currentPath(jakarta.servlet.http.HttpServletRequest request) {
        Object forwarded = request.getAttribute(jakarta.servlet.RequestDispatcher.FORWARD_REQUEST_URI);
        return forwarded == null ? request.getRequestURI() : request.getServletPath();
    }

    @ModelAttribute("navigation")
    List<Link> navigation() {
        NrmUser user = me();
        List<Link> links = new ArrayList<>();
        if (user == null) {
            return links;
        }
        switch (user.role()) {
            case CASE_WORKER, LEAD -> {
                if (user.is(UserRole.LEAD)) {
                    links.add(new Link("/queues", "nav.queues"));
                }
                links.add(new Link("/inbox", "nav.inbox"));
                links.add(new Link("/cases", "nav.cases"));
                if (access.isFirstResponder(user)) {
                    links.add(new Link("/referrals/new", "nav.refer"));
                }
                if (access.isShelterReader(user)) {
                    links.add(new Link("/shelters", "nav.shelters"));
                }
                if (steps.actsForServiceProvider(user)) {
                    links.add(new Link("/service-referrals", "nav.serviceReferrals"));
                }
                if (access.handsOverAbroad(user)) {
                    links.add(new Link("/returning-nationals/new", "nav.returningNational"));
                    links.add(new Link("/handovers/import", "nav.handoverImport"));
                }
                if (steps.mayRecordCooperation(user)) {
                    // law enforcement and the prosecution: the criminal cases their agency investigates or prosecutes
                    links.add(new Link("/criminal-cases", "nav.criminalCases"));
                }
                if (steps.mayReadTrends(user)) {
                    links.add(new Link("/trends", "nav.trends"));
                }
                links.add(new Link("/notifications", "nav.notifications"));
            }
            case OVERSIGHT -> {
                links.add(new Link("/statistics", "nav.statistics"));
                links.add(new Link("/audit", "nav.audit"));
                links.add(new Link("/audit/reads", "nav.reads"));
                links.add(new Link("/shelters", "nav.shelters"));
            }
            case ADMIN -> links.add(new Link("/admin", "nav.admin")); // partner keys: linked from /admin
        }
        return links;
    }
}
