package org.nrm.projections.cases;

import java.time.Instant;
import java.util.List;

/**
 * A case's identification as the case view holds it: what was done to the person, where, the indicators, and who last
 * updated it and when (null: as referred); the documents used to cross the border; the end of move-on support and how
 * often the guardian was replaced. No personal data.
 */
public record CaseIdentification(List<String> exploitationTypes, String exploitationLocation, List<String> indicators,
                                 Instant updatedAt, String updatedBy, String borderCrossingDocuments,
                                 Instant moveOnSupportEndedAt, int guardianReplacements) {
}
