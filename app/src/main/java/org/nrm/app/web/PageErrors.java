package org.nrm.app.web;

import java.util.UUID;
import org.nrm.workflow.tasks.WorkflowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The pages answer errors with a page (the API answers problem+json): never a stack trace. */
@ControllerAdvice(basePackageClasses = PageErrors.class)
class PageErrors {

    private final PageModel pages;

    PageErrors(PageModel pages) {
        this.pages = pages;
    }

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(PageNotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        return framed(model, 404, "error.notFound");
    }

    @ExceptionHandler(WorkflowException.class)
    String workflow(WorkflowException ex, Model model, jakarta.servlet.http.HttpServletResponse response) {
        boolean missing = ex.kind() == WorkflowException.Kind.NOT_FOUND;
        response.setStatus(missing ? 404 : 409);
        return framed(model, missing ? 404 : 409, missing ? "error.notFound" : "error.conflict");
    }

    @ExceptionHandler(AccessDeniedException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied(Model model) {
        return framed(model, 403, "error.denied");
    }

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String unexpected(Exception ex, Model model) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure of a page, reference {}", reference, ex);
        model.addAttribute("reference", reference);
        return framed(model, 500, "error.unexpected");
    }

    /**
     * The error page in the page's frame (who is signed in, the navigation): an exception handler's model does not
     * get the pages' model attributes, so a signed-in user's error page had lost its header.
     */
    private String framed(Model model, int status, String message) {
        if (!model.containsAttribute("me")) {
            model.addAttribute("me", pages.me());
            model.addAttribute("navigation", pages.navigation());
            model.addAttribute("currentPath", "");
        }
        return error(model, status, message);
    }

    static String error(Model model, int status, String message) {
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        return "error-page";
    }
}
