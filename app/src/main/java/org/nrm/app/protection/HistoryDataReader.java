package org.nrm.app.protection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nrm.projections.cases.EventDataReader;

/**
 * The history's view of an event's stored data. For the agencies involved, every sealed value is opened and free
 * text reads as a plain string; once the person is erased every personal field reads {@code [erased]}, also a free
 * text that an event stored in clear before it was personal data (the stored legal record is never rewritten, but
 * it is no longer served), and so do the dates of the exploitation that older events hold in clear within {@code
 * exploitationDetails} ({@link PersonalFields#LEGACY_CLEAR_WITHIN}). For oversight every personal field, those dates,
 * and any sealed value, read {@code [pseudonymised]} without being decrypted.
 */
public class HistoryDataReader implements EventDataReader {

    public static final String PSEUDONYMISED = "[pseudonymised]";

    private final PersonalDataCipher cipher;
    private final SubjectKeys keys;

    public HistoryDataReader(PersonalDataCipher cipher, SubjectKeys keys) {
        this.cipher = cipher;
        this.keys = keys;
    }

    @Override
    public Map<String, Object> read(String payloadType, Map<String, Object> storedData) {
        Set<String> personal = PersonalFields.of(payloadType);
        Map<String, Object> out = new LinkedHashMap<>();
        Boolean[] erased = {null};
        storedData.forEach((field, value) -> {
            if (value == null || !personal.contains(field)) {
                Object opened = PersonalDataModule.open(value, cipher);
                Set<String> legacy = legacyClear(field, opened);
                if (!legacy.isEmpty()) {
                    // personal values an older event holds in clear within this field: served while not erased
                    if (erased[0] == null) {
                        Object subject = storedData.get("caseId");
                        erased[0] = subject == null || keys.isErased(subject.toString());
                    }
                    opened = erased[0] ? replaced((Map<?, ?>) opened, legacy, PersonalDataModule.ERASED) : opened;
                }
                out.put(field, opened);
                return;
            }
            if (PersonalDataCipher.isSealed(value)) {
                Object opened = PersonalDataModule.open(value, cipher);
                out.put(field, PersonalFields.isText(payloadType, field) && opened instanceof Map<?, ?> text
                        ? text.get("text") : opened);
                return;
            }
            // stored in clear before the field was personal data: served only while the person is not erased
            if (erased[0] == null) {
                Object subject = storedData.get("caseId");
                erased[0] = subject == null || keys.isErased(subject.toString());
            }
            out.put(field, erased[0] ? PersonalDataModule.ERASED : value);
        });
        return out;
    }

    @Override
    public Map<String, Object> withheld(String payloadType, Map<String, Object> storedData) {
        Set<String> personal = PersonalFields.of(payloadType);
        Map<String, Object> out = new LinkedHashMap<>();
        storedData.forEach((field, value) -> {
            Object withheld = value != null && personal.contains(field) ? PSEUDONYMISED : withholdSealed(value);
            Set<String> legacy = legacyClear(field, withheld);
            out.put(field, legacy.isEmpty() ? withheld : replaced((Map<?, ?>) withheld, legacy, PSEUDONYMISED));
        });
        return out;
    }

    /** The keys of {@code value} (a field of a stored event) that an older event holds in clear though personal. */
    private static Set<String> legacyClear(String field, Object value) {
        Set<String> within = PersonalFields.LEGACY_CLEAR_WITHIN.get(field);
        if (within == null || !(value instanceof Map<?, ?> map)) {
            return Set.of();
        }
        return within.stream().filter(key -> map.get(key) != null).collect(java.util.stream.Collectors.toSet());
    }

    private static Map<Object, Object> replaced(Map<?, ?> value, Set<String> keys, String replacement) {
        Map<Object, Object> out = new LinkedHashMap<>(value);
        keys.forEach(key -> out.put(key, replacement));
        return out;
    }

    private static Object withholdSealed(Object value) {
        if (PersonalDataCipher.isSealed(value)) {
            return PSEUDONYMISED;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, withholdSealed(v)));
            return out;
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(HistoryDataReader::withholdSealed).toList();
        }
        return value;
    }
}
