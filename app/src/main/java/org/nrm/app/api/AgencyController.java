package org.nrm.app.api;

import java.util.List;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.nrm.workflow.queue.Notifications;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What an agency is told (the shelters' beds: {@link ShelterController}). */
@RestController
@RequestMapping("/api")
class AgencyController {

    private final Notifications notifications;

    AgencyController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    List<Notifications.Notification> notifications() {
        NrmUser user = NrmUser.current();
        return notifications.forAgency(user.agency(), user.is(UserRole.LEAD), 200);
    }
}
