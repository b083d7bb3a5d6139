package org.nrm.app.cases;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.nrm.referral.api.CooperationRecorded;
import org.nrm.referral.api.CooperationStatus;
import org.nrm.referral.model.InvestigationCooperation;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The person's cooperation as the case's own event stream records it (the last {@link CooperationRecorded}): read
 * from the event store in the deciding command's transaction, so a permit on {@code INVESTIGATION_COOPERATION} sees
 * exactly what the case holds, with no projection in between. Only the cooperation events' payloads are read.
 */
@Component
class EventStoreInvestigationCooperation implements InvestigationCooperation {

    private final EventStore events;

    EventStoreInvestigationCooperation(@Lazy EventStore events) {
        this.events = events;
    }

    @Override
    public CooperationStatus of(String caseId) {
        CooperationStatus[] last = {null};
        events.readEvents(caseId).asStream()
                .filter(e -> CooperationRecorded.class.equals(e.getPayloadType()))
                .forEach(e -> last[0] = ((CooperationRecorded) e.getPayload()).status());
        return last[0];
    }
}
