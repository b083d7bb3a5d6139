package org.nrm.app.protection;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.nrm.referral.api.GuardianDetails;
import org.nrm.referral.api.PersonalDetails;
import org.nrm.referral.api.PersonalText;

/**
 * The fields of an event type that hold personal data: the record components of a personal value type. Events stored
 * before a field became personal hold it in clear; its type today still says that it is personal.
 */
public final class PersonalFields {

    /** The value types that are personal data wherever they occur in an event. */
    public static final Set<Class<?>> TYPES = Set.of(PersonalDetails.class, GuardianDetails.class, PersonalText.class);

    /**
     * Personal values that events stored before they moved into a personal value type hold in clear inside a
     * non-personal field: the field, and the keys within it. The start and end of the exploitation were kept in {@code
     * exploitationDetails} (ReferralSubmitted, AnonymousNotificationMade) until they moved into {@link
     * PersonalDetails}.
     */
    public static final java.util.Map<String, Set<String>> LEGACY_CLEAR_WITHIN = java.util.Map.of(
            "exploitationDetails", Set.of("startedOn", "endedOn"));

    private static final ConcurrentHashMap<String, Set<String>> BY_TYPE = new ConcurrentHashMap<>();

    private PersonalFields() {
    }

    /** The personal fields of the event type named {@code payloadType}; empty for a type this build does not know. */
    public static Set<String> of(String payloadType) {
        return BY_TYPE.computeIfAbsent(payloadType, PersonalFields::find);
    }

    /** True when the field holds free text ({@link PersonalText}), which the history shows as a plain string. */
    public static boolean isText(String payloadType, String field) {
        return type(payloadType, field) == PersonalText.class;
    }

    private static Class<?> type(String payloadType, String field) {
        Class<?> event = load(payloadType);
        if (event == null || !event.isRecord()) {
            return null;
        }
        return Arrays.stream(event.getRecordComponents()).filter(c -> c.getName().equals(field))
                .map(RecordComponent::getType).findFirst().orElse(null);
    }

    private static Set<String> find(String payloadType) {
        Class<?> event = load(payloadType);
        if (event == null || !event.isRecord()) {
            return Set.of();
        }
        return Arrays.stream(event.getRecordComponents()).filter(c -> TYPES.contains(c.getType()))
                .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());
    }

    private static Class<?> load(String payloadType) {
        try {
            return Class.forName(payloadType, false, PersonalFields.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
