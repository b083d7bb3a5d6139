package org.nrm.app.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.Arrays;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The checker from the command line, in the application's jar: {@code java -jar app.jar --nrm.check=all} (or
 * {@code --nrm.check=<caseId>}) prints the report as JSON and exits 0 when there is no finding, 1 otherwise (2 when
 * the check could not run). It opens no HTTP port (server.port=-1), starts no engine job executor and reads the
 * projections without
 * processing events (see {@link #main}).
 */
@Component
@ConditionalOnProperty(ConsistencyCheckRunner.PROPERTY)
public class ConsistencyCheckRunner implements ApplicationRunner, ExitCodeGenerator {

    public static final String PROPERTY = "nrm.check";
    public static final String ALL = "all";

    private final ConsistencyChecker checker;
    private final String target;
    private final PrintStream out;
    private volatile int exitCode = 2;

    @org.springframework.beans.factory.annotation.Autowired
    public ConsistencyCheckRunner(ConsistencyChecker checker,
                                  org.springframework.core.env.Environment environment) {
        this(checker, environment.getRequiredProperty(PROPERTY), System.out);
    }

    public ConsistencyCheckRunner(ConsistencyChecker checker, String target, PrintStream out) {
        this.checker = checker;
        this.target = target == null || target.isBlank() ? ALL : target.trim();
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        ConsistencyReport report = ALL.equalsIgnoreCase(target) ? checker.checkAll() : checker.checkCase(target);
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        out.flush();
        exitCode = report.consistent() ? 0 : 1;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** Whether the command line asks for a check instead of the platform. */
    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.startsWith("--" + PROPERTY + "="));
    }

    /**
     * Starts the application for the check only: no HTTP port, no job executor (no timer fires, no task moves), the
     * case views subscribing instead of tracking (they neither catch up nor claim the running nodes' segments), then
     * runs the check and returns its exit code.
     */
    public static int main(Class<?> application, String[] args) {
        ConfigurableApplicationContext context;
        try {
            // a servlet context (the security configuration needs one) with its HTTP endpoints switched off
            // as command-line arguments: they outrank application.yml (builder default properties do not)
            String[] forced = {"--server.port=-1", "--camunda.bpm.job-execution.enabled=false",
                    "--axon.eventhandling.processors.case-views.mode=subscribing", "--spring.main.banner-mode=off"};
            String[] all = Arrays.copyOf(forced, forced.length + args.length);
            System.arraycopy(args, 0, all, forced.length, args.length);
            context = new SpringApplicationBuilder(application).run(all);
        } catch (RuntimeException notRun) {
            System.err.println("The consistency check could not run: " + notRun);
            return 2;
        }
        return org.springframework.boot.SpringApplication.exit(context);
    }
}
