package org.nrm.app.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The messages a form shows next to its fields: from the same Bean Validation constraints the API checks (so no rule
 * is written twice), keyed by the field's name in the form.
 */
@Component
class FormErrors {

    private final Validator validator;
    private final MessageSource messages;

    FormErrors(Validator validator, MessageSource messages) {
        this.validator = validator;
        this.messages = messages;
    }

    /** Every broken constraint of {@code request}, by field (an {@code @AssertTrue isXValid} check names {@code x}). */
    <T> Map<String, String> of(T request, String prefix) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString().replaceAll("\\[[^]]*]", "");
            if (field.endsWith("Valid")) {
                field = field.substring(0, field.length() - "Valid".length());
            }
            String name = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
            String key = "validation." + name + "." + violation.getConstraintDescriptor().getAnnotation()
                    .annotationType().getSimpleName();
            errors.putIfAbsent(prefix + name, messages.getMessage(key, null,
                    capitalised(violation.getMessage()), LocaleContextHolder.getLocale()));
        }
        return errors;
    }

    String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private static String capitalised(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
