package org.nrm.app.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nrm.app.api.PlainText;
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

    /**
     * Every broken constraint of {@code request}, by field (an {@code @AssertTrue isXValid} check names {@code x}), and
     * every text of it (in nested records and lists too) holding a control character the API refuses
     * ({@link PlainText}).
     */
    <T> Map<String, String> of(T request, String prefix) {
        Map<String, String> errors = new LinkedHashMap<>();
        controlCharacters(request, null, prefix, errors);
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            // a list's element (person.citizenships[0].<list element>) is its list's field on a form
            String field = violation.getPropertyPath().toString().replaceAll("\\[[^]]*]", "")
                    .replaceAll("\\.<[^>]*>", "");
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

    private void controlCharacters(Object value, String name, String prefix, Map<String, String> errors) {
        if (value instanceof String text) {
            if (name != null && PlainText.hasControlCharacter(text)) {
                errors.putIfAbsent(prefix + name, message("validation.controlCharacters"));
            }
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> controlCharacters(item, name, prefix, errors));
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    var accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    controlCharacters(accessor.invoke(record), component.getName(), prefix, errors);
                } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
            }
        }
    }

    /** A form's values as the page shows them again: without the control characters it refused. */
    static String shown(String value) {
        return value == null ? null : value.replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]", "");
    }

    String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    /** The bundle's {@code key} with {@code arguments}, or {@code fallback} when the bundle has no such message. */
    String message(String key, String fallback, Object... arguments) {
        // no default through the message source: it would read the fallback as a MessageFormat pattern (its quotes)
        String message = messages.getMessage(key, arguments, null, LocaleContextHolder.getLocale());
        return message == null ? fallback : message;
    }

    private static String capitalised(String text) {
        return text == null || text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
