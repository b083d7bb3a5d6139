package org.nrm.app.api;

import java.util.List;
import java.util.Map;
import org.nrm.projections.operations.ProjectionOperations;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Platform administration of the read side (admin only; no personal data is shown). */
@RestController
@RequestMapping("/api/admin")
class AdminController {

    private final ProjectionOperations operations;

    AdminController(ProjectionOperations operations) {
        this.operations = operations;
    }

    @GetMapping("/processors")
    List<Map<String, Object>> processors() {
        return operations.status();
    }

    @PostMapping("/processors/{processingGroup}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> replay(@PathVariable String processingGroup) {
        known(processingGroup);
        if (!operations.replayable(processingGroup)) {
            throw new InvalidParameter("processingGroup", "'" + processingGroup + "' is a subscribing processor: "
                    + "written in each step's transaction, it is never behind and has nothing to replay.");
        }
        operations.replay(processingGroup);
        return Map.of("processingGroup", processingGroup, "replaying", true);
    }

    @GetMapping("/dead-letters")
    List<ProjectionOperations.DeadLetterView> deadLetters(@RequestParam String processingGroup) {
        known(processingGroup);
        return operations.deadLetters(processingGroup);
    }

    @PostMapping("/dead-letters/{processingGroup}/retry")
    Map<String, Object> retry(@PathVariable String processingGroup) {
        known(processingGroup);
        int succeeded = operations.retryDeadLetters(processingGroup);
        return Map.of("processingGroup", processingGroup, "sequencesSucceeded", succeeded,
                "remaining", operations.deadLetters(processingGroup).size());
    }

    private void known(String processingGroup) {
        if (!operations.knows(processingGroup)) {
            throw new InvalidParameter("processingGroup", "'processingGroup' must be one of "
                    + operations.processingGroups() + ".");
        }
    }
}
