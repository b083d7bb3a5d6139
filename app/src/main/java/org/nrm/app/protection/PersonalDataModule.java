package org.nrm.app.protection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.nrm.projections.CaseSequencingPolicy;
import org.nrm.projections.PersonalDataWithheld;
import org.nrm.referral.api.GuardianDetails;
import org.nrm.referral.api.PersonalDetails;
import org.nrm.referral.api.PersonalText;

/**
 * Encrypts the personal value types of events with the key of the person the event concerns (its {@code caseId}),
 * and decrypts them on reading. After erasure they read as {@code [erased]}: aggregates still load, the history still
 * shows every step. While a projection handles an event or a command loads its aggregate they read as
 * {@code [withheld]} without being decrypted ({@link PersonalDataWithheld}).
 */
public class PersonalDataModule extends SimpleModule {

    public static final String ERASED = "[erased]";

    private static final Map<Class<?>, Object> ERASED_VALUES = Map.of(
            PersonalDetails.class, new PersonalDetails(ERASED, ERASED, null, ERASED),
            GuardianDetails.class, new GuardianDetails(ERASED),
            PersonalText.class, new PersonalText(ERASED));

    private static final Map<Class<?>, Object> WITHHELD_VALUES = Map.of(
            PersonalDetails.class, new PersonalDetails(PersonalDataWithheld.WITHHELD, PersonalDataWithheld.WITHHELD,
                    null, PersonalDataWithheld.WITHHELD),
            GuardianDetails.class, new GuardianDetails(PersonalDataWithheld.WITHHELD),
            PersonalText.class, new PersonalText(PersonalDataWithheld.WITHHELD));

    private static final ObjectMapper PLAIN = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public PersonalDataModule(PersonalDataCipher cipher) {
        super("nrm-personal-data");
        for (Class<?> type : ERASED_VALUES.keySet()) {
            register(type, cipher);
        }
    }

    private <T> void register(Class<T> type, PersonalDataCipher cipher) {
        addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                Object subject = subjectOf(gen.currentValue());
                if (subject == null) {
                    throw new IllegalStateException("Personal data in " + gen.currentValue().getClass().getSimpleName()
                            + " without the caseId of the person it belongs to");
                }
                gen.writeObject(cipher.seal(subject.toString(), PLAIN.writeValueAsBytes(value)));
            }
        });
        addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (PersonalDataWithheld.active()) {
                    parser.skipChildren();
                    return type.cast(WITHHELD_VALUES.get(type));
                }
                JsonNode node = parser.readValueAsTree();
                if (node.isTextual() && type == PersonalText.class) {
                    return type.cast(new PersonalText(node.asText())); // a free text stored in clear, before 2026-12
                }
                Map<String, Object> map = PLAIN.convertValue(node, new TypeReference<>() {
                });
                if (!PersonalDataCipher.isSealed(map)) {
                    return PLAIN.treeToValue(node, type); // written before encryption existed
                }
                Optional<byte[]> plaintext = cipher.open(map);
                return plaintext.isPresent() ? PLAIN.readValue(plaintext.get(), type) : type.cast(ERASED_VALUES.get(type));
            }
        });
    }

    /**
     * Whose key seals a personal value: the person of the event's case, or, for a shelter's own events (its secret
     * address), the shelter ({@code shelter:<id>}), or, for a report from the public, the report
     * ({@code report:<id>}).
     */
    static Object subjectOf(Object event) {
        Object caseId = CaseSequencingPolicy.caseIdOf(event);
        if (caseId != null || event == null || !event.getClass().isRecord()) {
            return caseId;
        }
        for (var component : event.getClass().getRecordComponents()) {
            String prefix = component.getName().equals("shelterId") ? SHELTER_SUBJECT
                    : component.getName().equals("reportId") ? REPORT_SUBJECT : null;
            if (prefix != null) {
                try {
                    Object id = component.getAccessor().invoke(event);
                    return id == null ? null : prefix + id;
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The key subject of a report from the public (what was seen, where, the reporter's contact). */
    public static final String REPORT_SUBJECT = "report:";

    /** The key subject of a shelter's secret data. */
    public static final String SHELTER_SUBJECT = "shelter:";

    /** Opens every sealed value in raw event data (a JSON tree read as maps), for the history. */
    public static Object open(Object value, PersonalDataCipher cipher) {
        if (PersonalDataCipher.isSealed(value)) {
            Optional<byte[]> plaintext = cipher.open((Map<?, ?>) value);
            if (plaintext.isEmpty()) {
                return ERASED;
            }
            try {
                return PLAIN.readValue(plaintext.get(), Object.class);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (value instanceof Map<?, ?> map) {
            var opened = new java.util.LinkedHashMap<Object, Object>();
            map.forEach((k, v) -> opened.put(k, open(v, cipher)));
            return opened;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(v -> open(v, cipher)).toList();
        }
        return value;
    }
}
