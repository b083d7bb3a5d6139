package org.nrm.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The National Referral Mechanism platform. */
@SpringBootApplication(scanBasePackages = "org.nrm")
@ConfigurationPropertiesScan("org.nrm.app")
@EnableScheduling
public class NrmApplication {

    public static void main(String[] args) {
        if (System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (org.nrm.app.consistency.ConsistencyCheckRunner.requested(args)) {
            System.exit(org.nrm.app.consistency.ConsistencyCheckRunner.main(NrmApplication.class, args));
        }
        if (org.nrm.app.protection.KeyRotationRunner.requested(args)) {
            System.exit(org.nrm.app.protection.KeyRotationRunner.main(NrmApplication.class, args));
        }
        SpringApplication.run(NrmApplication.class, args);
    }
}
