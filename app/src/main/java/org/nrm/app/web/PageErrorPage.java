package org.nrm.app.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error page for a browser (it accepts HTML): the pages' error page with the error's status, in the
 * page's frame, instead of the API's problem+json ({@code ProblemErrorController} answers everyone else). A signed-in
 * user who follows a stale link to a page that does not exist reads "This page does not exist" with the way home.
 */
@Controller
class PageErrorPage {

    @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.TEXT_HTML_VALUE)
    String error(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 404;
        response.setStatus(status);
        String message = switch (status) {
            case 401, 403 -> "error.denied";
            case 409 -> "error.conflict";
            default -> status >= 500 ? "error.unexpected" : "error.notFound";
        };
        return PageErrors.error(model, status, message);
    }
}
