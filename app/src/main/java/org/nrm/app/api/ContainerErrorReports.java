package org.nrm.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.apache.catalina.Container;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.nrm.app.api.json.FilterProblems;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Requests Tomcat refuses before they reach the application (an encoded slash {@code %2F}, an invalid character in
 * the URL, headers too large) are answered as problem+json too, not with Tomcat's HTML page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorReports {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** Tomcat's last resort for an error nothing else answered: a problem without any detail of the failure. */
    public static class ProblemErrorReportValve extends ErrorReportValve {

        /** Tomcat makes the valve from its class name, outside Spring: a mapper of its own. */
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                        + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Cache-Control", "no-store");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(FilterProblems.document(status,
                            status == 400 ? "Bad request" : "Error", "The request was refused by the server before the "
                                    + "API read it (e.g. an encoded slash or an invalid character in the URL).", null,
                            status == 400 ? Map.of("field", "url") : Map.of())));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException ignored) {
                // the client is gone, or the response cannot be written: nothing else to do
            }
        }
    }
}
