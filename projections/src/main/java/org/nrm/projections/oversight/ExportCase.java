package org.nrm.projections.oversight;

import java.util.List;
import java.util.Set;

/**
 * The non-personal facts of one case the record-level exports draw on (from {@code case_view}): platform vocabulary,
 * before any mapping to a standard.
 */
public record ExportCase(String yearOfRegistration, String gender, String ageGroup, boolean presumedChild,
                         String nationality, String exploitationLocation, Set<String> exploitationTypes,
                         Set<String> indicators, String reasonableGrounds, String conclusiveGrounds, String stage,
                         String closureCategory, String referringAgency, List<String> languages, Boolean consent,
                         boolean anonymousNotification) {
}
