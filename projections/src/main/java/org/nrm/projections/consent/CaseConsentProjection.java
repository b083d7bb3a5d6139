package org.nrm.projections.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.nrm.referral.api.*;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The consent records of each case ({@code case_consent}), written in the transaction of the command that gave or
 * withdrew the consent (a subscribing processor: a withdrawal holds from the very next read, with no lag in which an
 * agency would still read what the person withdrew). Idempotent: a row is keyed by the event's sequence, a withdrawal
 * only touches rows still in force. Old events read as consent to referral: a {@link ReferralSubmitted} with consent
 * (an adult's, or a child's recorded consent) and a notification's {@link ConsentGiven}, taken by the event's actor.
 */
@Component
@ProcessingGroup(CaseConsentProjection.PROCESSING_GROUP)
public class CaseConsentProjection {

    public static final String PROCESSING_GROUP = "case-consents";

    private static final String INSERT = """
            INSERT INTO case_consent (case_id, given_sequence, scope, agency, given_at, taken_by, taken_by_agency)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private final JdbcTemplate jdbc;

    public CaseConsentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReferralSubmitted event, @SequenceNumber long sequence,
            @MetaDataValue(Actor.USER_KEY) String user, @MetaDataValue(Actor.AGENCY_KEY) String agency) {
        if (event.presumedChild() && event.consentToReferral() == null || !event.consented()) {
            return;
        }
        jdbc.update(INSERT, event.caseId(), sequence, ConsentScope.REFERRAL.name(), "", ts(event.referredAt()), user,
                agency == null ? event.referringAgency() : agency);
    }

    @EventHandler
    void on(ConsentGiven event, @SequenceNumber long sequence,
            @MetaDataValue(Actor.USER_KEY) String user, @MetaDataValue(Actor.AGENCY_KEY) String agency) {
        jdbc.update(INSERT, event.caseId(), sequence, ConsentScope.REFERRAL.name(), "", ts(event.givenAt()), user,
                agency);
        jdbc.update("DELETE FROM case_consent_request WHERE case_id = ?", event.caseId());
    }

    @EventHandler
    void on(ConsentRecorded event, @SequenceNumber long sequence) {
        for (ConsentScope scope : event.scopes()) {
            Set<String> agencies = scope == ConsentScope.DATA_SHARING ? event.sharingAgencies() : Set.of("");
            for (String agency : agencies) {
                jdbc.update(INSERT, event.caseId(), sequence, scope.name(), agency, ts(event.givenAt()),
                        event.takenByUser(), event.takenByAgency());
            }
        }
        if (event.scopes().contains(ConsentScope.REFERRAL)) {
            jdbc.update("DELETE FROM case_consent_request WHERE case_id = ?", event.caseId());
        }
    }

    @EventHandler
    void on(ConsentWithdrawn event) {
        String sql = """
                UPDATE case_consent SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_by_agency = ?
                 WHERE case_id = ? AND scope = ? AND withdrawn_at IS NULL""";
        if (event.scope() == ConsentScope.DATA_SHARING) {
            for (String agency : event.agencies()) {
                jdbc.update(sql + " AND agency = ?", ts(event.withdrawnAt()), event.withdrawnByUser(),
                        event.withdrawnByAgency(), event.caseId(), event.scope().name(), agency);
            }
        } else {
            jdbc.update(sql, ts(event.withdrawnAt()), event.withdrawnByUser(), event.withdrawnByAgency(),
                    event.caseId(), event.scope().name());
        }
    }

    @EventHandler
    void on(AgeAssessed event) {
        if (event.consentToContinueRequired()) {
            jdbc.update("INSERT INTO case_consent_request (case_id, requested_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    event.caseId(), ts(event.assessedAt()));
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
