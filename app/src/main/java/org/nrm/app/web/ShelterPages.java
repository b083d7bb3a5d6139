package org.nrm.app.web;

import java.util.List;
import java.util.Map;
import org.nrm.projections.shelters.ShelterView;
import org.nrm.projections.shelters.Shelters;
import org.nrm.workflow.TaskKey;
import org.nrm.workflow.queue.WorkQueue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Occupancy of every shelter (capacity, occupied, free) and the people waiting for a place of each type. */
@Controller
class ShelterPages {

    private final Shelters shelters;
    private final WorkQueue workQueue;

    ShelterPages(Shelters shelters, WorkQueue workQueue) {
        this.shelters = shelters;
        this.workQueue = workQueue;
    }

    @GetMapping("/shelters")
    String shelters(Model model) {
        List<ShelterView> all = shelters.all();
        Map<String, Integer> waiting = workQueue.waiting(TaskKey.SHELTER_PLACEMENT);
        model.addAttribute("shelters", all);
        model.addAttribute("waiting", waiting);
        model.addAttribute("chart", BarChart.of("shelters.chart", "shelters.occupied", "shelters.free",
                all.stream().map(ShelterView::name).toList(),
                all.stream().map(s -> (long) s.occupied()).toList(),
                all.stream().map(s -> (long) s.free()).toList()));
        model.addAttribute("totalCapacity", all.stream().mapToInt(ShelterView::capacity).sum());
        model.addAttribute("totalOccupied", all.stream().mapToInt(ShelterView::occupied).sum());
        model.addAttribute("totalWaiting", waiting.values().stream().mapToInt(Integer::intValue).sum());
        return "shelters";
    }
}
