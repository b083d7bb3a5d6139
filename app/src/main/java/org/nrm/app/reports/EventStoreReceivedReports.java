package org.nrm.app.reports;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.nrm.referral.api.PublicReportReceived;
import org.nrm.referral.model.ReceivedReports;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A report was received when its stream in the event store begins with {@link PublicReportReceived}: read in the
 * merging command's transaction, so a merge never names a report that does not exist (nor a case or another stream).
 */
@Component
class EventStoreReceivedReports implements ReceivedReports {

    private final EventStore events;

    EventStoreReceivedReports(@Lazy EventStore events) {
        this.events = events;
    }

    @Override
    public boolean received(String reportId) {
        if (reportId == null || reportId.isBlank() || reportId.length() > 64) {
            return false;
        }
        return events.readEvents(reportId).asStream().findFirst()
                .map(first -> PublicReportReceived.class.equals(first.getPayloadType())).orElse(false);
    }
}
