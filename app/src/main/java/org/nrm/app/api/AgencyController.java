package org.nrm.app.api;

import java.util.List;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.nrm.projections.shelters.ShelterView;
import org.nrm.projections.shelters.Shelters;
import org.nrm.workflow.Notifications;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What an agency is told, and the shelters' beds. */
@RestController
@RequestMapping("/api")
class AgencyController {

    private final Notifications notifications;
    private final Shelters shelters;
    private final Access access;

    AgencyController(Notifications notifications, Shelters shelters, Access access) {
        this.notifications = notifications;
        this.shelters = shelters;
        this.access = access;
    }

    @GetMapping("/notifications")
    List<Notifications.Notification> notifications() {
        NrmUser user = NrmUser.current();
        access.requireAgencyWorker(user);
        return notifications.forAgency(user.agency(), user.is(UserRole.LEAD), 200);
    }

    @GetMapping("/shelters")
    List<ShelterView> shelters() {
        access.requireShelterReader(NrmUser.current());
        return shelters.all();
    }
}
