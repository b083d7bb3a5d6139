package org.nrm.app.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.workflow.TaskKey;
import org.nrm.workflow.WorkQueue;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
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
    private final WorkQueue workQueue;

    AgencyController(Notifications notifications, Shelters shelters, WorkQueue workQueue) {
        this.notifications = notifications;
        this.shelters = shelters;
        this.workQueue = workQueue;
    }

    @GetMapping("/notifications")
    List<Notifications.Notification> notifications() {
        NrmUser user = NrmUser.current();
        return notifications.forAgency(user.agency(), user.is(UserRole.LEAD), 200);
    }

    /** Every shelter with its beds, and how many people wait for a place of its type. */
    @GetMapping("/shelters")
    List<Map<String, Object>> shelters() {
        Map<String, Integer> waiting = workQueue.waiting(TaskKey.SHELTER_PLACEMENT);
        return shelters.all().stream().map(shelter -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("shelterId", shelter.shelterId());
            out.put("name", shelter.name());
            out.put("type", shelter.type());
            out.put("capacity", shelter.capacity());
            out.put("occupied", shelter.occupied());
            out.put("free", shelter.free());
            out.put("waitingForType", waiting.getOrDefault(shelter.type(), 0));
            return out;
        }).toList();
    }
}
