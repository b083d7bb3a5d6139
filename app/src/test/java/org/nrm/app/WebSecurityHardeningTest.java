package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.support.RawHttp;
import org.nrm.app.support.RawHttp.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Issue 14, item 14: back-off after wrong passwords, security headers, 404 for unknown paths, firewall problems. */
class WebSecurityHardeningTest extends PlatformTest {

    @Autowired
    private WebApplicationContext context;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    private Filter securityFilters;

    private Reply get(String authorization, String path) {
        return RawHttp.send(port, "GET", path, authorization, null, null);
    }

    @Test
    void wrong_passwords_for_one_name_are_answered_with_429_and_retry_after_without_locking_out_others() {
        String intruder = RawHttp.basic("throttle-probe", "guess");
        for (int i = 0; i < 5; i++) {
            Reply reply = get(intruder, "/api/tasks");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        }
        Reply throttled = get(intruder, "/api/tasks");
        assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
        assertThat(throttled.isProblem()).isTrue();
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        // another user from the same address signs in as before
        assertThat(get(RawHttp.basic("police", "demo"), "/api/tasks").status()).isEqualTo(200);
    }

    @Test
    void every_api_response_carries_a_strict_content_security_policy_and_the_usual_headers() {
        for (Reply reply : new Reply[] {get(RawHttp.basic("police", "demo"), "/api/tasks"),
                get(null, "/api/tasks"), get(RawHttp.basic("police", "demo"), "/api/nothing-here"),
                get(null, "/actuator/health"), get(null, "/error")}) {
            String csp = reply.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(reply.toString()).contains("script-src 'self'").contains("object-src 'none'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(reply.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(reply.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(reply.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(reply.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
            // plain http: no HSTS (a browser ignores it there, and it must not be sent)
            assertThat(reply.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    @Test
    void a_secure_request_gets_strict_transport_security() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(securityFilters).build();
        MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.get("/actuator/health").secure(true))
                .andReturn().getResponse();
        assertThat(response.getHeader("Strict-Transport-Security")).contains("max-age=31536000")
                .contains("includeSubDomains");
    }

    @Test
    void the_engine_webapps_allow_no_inline_scripts() {
        Reply reply = get(null, "/camunda/app/welcome/default/");
        String csp = reply.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).as(reply.toString()).contains("script-src");
        String scripts = csp.substring(csp.indexOf("script-src"));
        scripts = scripts.contains(";") ? scripts.substring(0, scripts.indexOf(';')) : scripts;
        assertThat(scripts).doesNotContain("'unsafe-inline'");
    }

    @Test
    void an_unknown_path_is_404_for_a_signed_in_user_and_401_before_signing_in() {
        for (String path : new String[] {"/api/nothing-here", "/nothing", "/api/cases", "/api/tasks/x/undo"}) {
            Reply signedIn = get(RawHttp.basic("police", "demo"), path);
            assertThat(signedIn.status()).as(path + " -> " + signedIn).isEqualTo(404);
            assertThat(signedIn.isProblem()).isTrue();
            Reply anonymous = get(null, path);
            assertThat(anonymous.status()).as(path + " -> " + anonymous).isEqualTo(401);
            assertThat(anonymous.isProblem()).isTrue();
        }
        // a known endpoint the role may not use stays 403
        assertThat(get(RawHttp.basic("police", "demo"), "/api/admin/processors").status()).isEqualTo(403);
    }

    @Test
    void an_endpoint_called_with_a_method_it_does_not_take_is_405_naming_the_methods_it_takes() {
        String police = RawHttp.basic("police", "demo");
        Reply delete = RawHttp.send(port, "DELETE", "/api/referrals", police, null, null);
        assertThat(delete.status()).as(delete.toString()).isEqualTo(405);
        assertThat(delete.isProblem()).isTrue();
        assertThat(delete.headers().firstValue("Allow")).hasValue("POST");
        Reply put = RawHttp.send(port, "PUT", "/api/tasks/some-task/claim", police, "application/json", "{}");
        assertThat(put.status()).as(put.toString()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("POST");
        Reply getCase = RawHttp.send(port, "DELETE", "/api/cases/some-case", police, null, null);
        assertThat(getCase.status()).as(getCase.toString()).isEqualTo(405);
        assertThat(getCase.headers().firstValue("Allow").orElse("")).contains("GET");
        // nothing is said before signing in
        assertThat(RawHttp.send(port, "DELETE", "/api/referrals", null, null, null).status()).isEqualTo(401);
    }

    @Test
    void firewall_refusals_are_400_problems() {
        for (String path : new String[] {"//api/tasks", "/api/%2e%2e/admin/processors", "/api/tasks;jsessionid=1",
                "/api/cases/%2F..%2Fadmin", "/api/tasks%5c"}) {
            Reply reply = get(RawHttp.basic("police", "demo"), path);
            assertThat(reply.status()).as(path + " -> " + reply).isEqualTo(400);
            assertThat(reply.isProblem()).as(path + " -> " + reply).isTrue();
            assertThat(reply.json().path("field").asText()).isEqualTo("url");
        }
    }
}
