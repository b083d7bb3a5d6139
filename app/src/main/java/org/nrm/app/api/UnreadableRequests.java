package org.nrm.app.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures that happen before any controller is chosen (the servlet splitting a multipart body), where the API-only
 * {@link ProblemHandler} does not apply: answered the same way, as problem+json. Last in order, so the pages' and the
 * API's own advice win wherever a controller is known. The one page that takes a multipart body, the handover import
 * ({@code POST /handovers}), gets its page again when the upload is above the servlet's limits (422, "The package is
 * larger than 1 MB.", nothing stored): its form carries the CSRF token in its address, so the token still counts
 * when the body is not read.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnreadableRequests {

    static final String IMPORT_PAGE = "/handovers";

    private final ProblemHandler problems;
    private final MessageSource messages;

    UnreadableRequests(ProblemHandler problems, MessageSource messages) {
        this.problems = problems;
        this.messages = messages;
    }

    @ExceptionHandler(MultipartException.class)
    Object multipart(MultipartException ex, HttpServletRequest request) {
        if (ex instanceof MaxUploadSizeExceededException && IMPORT_PAGE.equals(request.getServletPath())) {
            ModelAndView page = new ModelAndView("handover-import");
            page.setStatus(HttpStatus.UNPROCESSABLE_ENTITY);
            page.addObject("errors", Map.of("package", messages.getMessage("handover.import.tooLarge", null,
                    LocaleContextHolder.getLocale())));
            page.addObject("values", Map.of());
            return page;
        }
        return problems.multipart(ex);
    }
}
