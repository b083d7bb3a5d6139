package org.nrm.app.seed;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The platform's seeding mode, for the benchmark ({@code bench/run.sh}): with {@code --nrm.seed.cases=N} it stops the
 * event processors, seeds N cases ({@link BulkSeeder}; {@code nrm.seed.years}, {@code nrm.seed.open-days},
 * {@code nrm.seed.threads} shape them), prints one {@code SEEDED ...} line of figures and exits. The next start of the
 * platform builds the views from the first event.
 */
@Component
@ConditionalOnProperty("nrm.seed.cases")
public class SeedRunner implements ApplicationRunner {

    private final BulkSeeder seeder;
    private final EventProcessingConfiguration processing;
    private final ConfigurableApplicationContext context;
    private final BulkSeeder.SeedSettings settings;

    public SeedRunner(BulkSeeder seeder, EventProcessingConfiguration processing,
                      ConfigurableApplicationContext context, Environment environment) {
        this.seeder = seeder;
        this.processing = processing;
        this.context = context;
        this.settings = new BulkSeeder.SeedSettings(environment.getRequiredProperty("nrm.seed.cases", Long.class),
                environment.getProperty("nrm.seed.years", Integer.class, 10),
                environment.getProperty("nrm.seed.open-days", Integer.class, 60),
                environment.getProperty("nrm.seed.threads", Integer.class, 2));
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        processing.eventProcessors().values().forEach(EventProcessor::shutDown);
        long t0 = System.nanoTime();
        long events = seeder.seed(settings);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("SEEDED cases=%d events=%d seconds=%.1f eventsPerSecond=%d%n", settings.cases(), events,
                seconds, Math.round(events / seconds));
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
