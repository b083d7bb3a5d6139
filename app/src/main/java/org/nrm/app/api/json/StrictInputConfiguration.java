package org.nrm.app.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API reads exactly what the contract says, nothing it merely resembles: no scalar coercion ({@code 14.5} is not
 * an integer, {@code true} is not text, {@code "5"} is not a number, {@code ""} is not a date or an enum), no content
 * after the JSON value, no duplicate keys, no NUL characters in text, dates only as {@code yyyy-MM-dd} (never a
 * date-time), at most {@value #MAX_NESTING} levels of nesting. Only the WEB mapper: Axon's
 * {@code defaultAxonObjectMapper} (the stored event format) is built on its own and is not touched.
 */
@Configuration(proxyBeanMethods = false)
class StrictInputConfiguration {

    static final int MAX_NESTING = 32;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictInput() {
        return builder -> builder
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS, DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .deserializerByType(String.class, new NoNulString())
                .deserializerByType(LocalDate.class, new StrictLocalDate())
                .postConfigurer(StrictInputConfiguration::strict);
    }

    static void strict(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
                .build());
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail)
                .setAcceptBlankAsEmpty(false);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }

    /**
     * Text as Jackson reads it (with the coercion rules above), refusing control characters other than tab and line
     * breaks ({@link org.nrm.app.api.PlainText}: PostgreSQL cannot store NUL, and ESC, BEL and the others have no
     * place in a name, a note or a code), so the API holds the pages' forms' rule.
     */
    static final class NoNulString extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                if (p.hasToken(JsonToken.START_ARRAY) || p.hasToken(JsonToken.START_OBJECT)
                        || p.hasToken(JsonToken.VALUE_EMBEDDED_OBJECT)) {
                    return (String) ctxt.handleUnexpectedToken(String.class, p);
                }
            }
            String text = super.deserialize(p, ctxt);
            if (org.nrm.app.api.PlainText.hasControlCharacter(text)) {
                return (String) ctxt.handleWeirdStringValue(String.class, visible(text),
                        "text must not contain control characters other than tab and line breaks");
            }
            return text;
        }
    }

    /** The text with its control characters written as {@code \\uXXXX}, for the error message. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** A date is {@code yyyy-MM-dd} and exists (no 30 February, no date-time, no empty text), or a 400 naming it. */
    static final class StrictLocalDate extends StdScalarDeserializer<LocalDate> {

        private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
                .withResolverStyle(ResolverStyle.STRICT);

        StrictLocalDate() {
            super(LocalDate.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText();
            if (text.length() == 10) {
                try {
                    return LocalDate.parse(text, DATE);
                } catch (DateTimeParseException invalid) {
                    // falls through to the refusal below
                }
            }
            return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text,
                    "a date is yyyy-MM-dd and must exist (e.g. 1990-03-01)");
        }
    }
}
