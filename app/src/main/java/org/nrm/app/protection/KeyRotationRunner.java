package org.nrm.app.protection;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * The master key's rotation from the command line: {@code java -jar app.jar --nrm.keys.rotate=true} starts (or resumes)
 * the rotation to the current version, runs it to the end in the foreground, prints the progress as JSON and exits 0
 * when every data key is under the current version, 1 when the run stopped (it resumes from there next time), 2 when
 * it could not run. No HTTP port, no job executor (see {@link #main}).
 */
@Component
@ConditionalOnProperty(name = KeyRotationRunner.PROPERTY, havingValue = "true")
public class KeyRotationRunner implements ApplicationRunner, ExitCodeGenerator {

    public static final String PROPERTY = "nrm.keys.rotate";

    private final KeyRotation rotation;
    private final PrintStream out;
    private volatile int exitCode = 2;

    @org.springframework.beans.factory.annotation.Autowired
    public KeyRotationRunner(KeyRotation rotation) {
        this(rotation, System.out);
    }

    public KeyRotationRunner(KeyRotation rotation, PrintStream out) {
        this.rotation = rotation;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        KeyRotation.Progress progress;
        try {
            rotation.open("command line");
            progress = rotation.run(Integer.MAX_VALUE);
            exitCode = progress.remaining() == 0 ? 0 : 1;
        } catch (RuntimeException stopped) {
            System.err.println("The master key rotation stopped (it resumes from its last batch): "
                    + stopped.getMessage());
            progress = rotation.progress();
            exitCode = 1;
        }
        out.println(JsonMapper.builder().findAndAddModules().build().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(progress));
        out.flush();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** Whether the command line asks for the rotation instead of the platform. */
    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains("--" + PROPERTY + "=true");
    }

    /** Starts the application for the rotation only (no HTTP port, no job executor), runs it, returns its exit code. */
    public static int main(Class<?> application, String[] args) {
        ConfigurableApplicationContext context;
        try {
            String[] forced = {"--server.port=-1", "--camunda.bpm.job-execution.enabled=false",
                    "--axon.eventhandling.processors.case-views.mode=subscribing", "--spring.main.banner-mode=off"};
            String[] all = Arrays.copyOf(forced, forced.length + args.length);
            System.arraycopy(args, 0, all, forced.length, args.length);
            context = new SpringApplicationBuilder(application).run(all);
        } catch (RuntimeException notRun) {
            System.err.println("The master key rotation could not run: " + notRun);
            return 2;
        }
        return org.springframework.boot.SpringApplication.exit(context);
    }
}
