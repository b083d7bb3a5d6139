package org.nrm.app.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Before any controller runs: every path variable of the API is an id (at most {@value #MAX_ID} characters, no
 * control characters) and every query parameter is bounded text without control characters; otherwise a 400 naming
 * it. Controllers check their own parameters more narrowly; this keeps a NUL byte or a megabyte of text from ever
 * reaching the database, whatever endpoint is added later.
 */
@Configuration(proxyBeanMethods = false)
class RequestParameterGuard implements WebMvcConfigurer, HandlerInterceptor {

    static final int MAX_ID = 64;
    static final int MAX_PARAMETER = 2_000;

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables != null) {
            variables.forEach((name, value) -> InvalidParameter.text(name, value, MAX_ID));
        }
        String query = request.getQueryString();
        if (query != null) {
            // only the query string's parameters (a form body is never read here, and the API takes none)
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                InvalidParameter.text("parameter name", name, 100);
                InvalidParameter.text(name, value, MAX_PARAMETER);
            }
        }
        return true;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidParameter("query", "The query string is not well-formed (a broken %-escape).");
        }
    }
}
