package org.nrm.app.api;

import org.nrm.app.protection.KeyRotation;
import org.nrm.app.security.NrmUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The master key's rotation (admin only; no key material and no personal data is shown): after a new master key
 * version is configured (or rotated in Vault), re-wraps every person's data key under it, resumably.
 */
@RestController
@RequestMapping("/api/admin/keys/rotation")
class KeyRotationController {

    private final KeyRotation rotation;

    KeyRotationController(KeyRotation rotation) {
        this.rotation = rotation;
    }

    /**
     * Starts the rotation to the current master key version, or resumes the open one where it stopped; it goes on in
     * the background. Answers 202 with the progress at start; {@code GET} follows it.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    KeyRotation.Progress start() {
        return rotation.startInBackground(NrmUser.current().userId());
    }

    /** The data keys per master key version, how many remain under older versions, and the latest run. */
    @GetMapping
    KeyRotation.Progress progress() {
        return rotation.progress();
    }
}
