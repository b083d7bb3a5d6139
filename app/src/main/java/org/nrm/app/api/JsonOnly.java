package org.nrm.app.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API answers in JSON (and CSV where a download says so), as its contract says. Spring MVC would also write YAML
 * for {@code Accept: application/yaml} because the YAML data format is on the class path (the OpenAPI description
 * uses it), with a mapper of its own that knows none of the JSON mapper's settings: instants as epoch seconds instead
 * of ISO-8601. That converter is taken out, so such a request is a {@code 406} problem naming what the API produces.
 * The OpenAPI description at {@code /v3/api-docs.yaml} writes its YAML itself and stays.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnly implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.removeIf(MappingJackson2YamlHttpMessageConverter.class::isInstance);
    }
}
