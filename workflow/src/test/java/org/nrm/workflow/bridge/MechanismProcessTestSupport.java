package org.nrm.workflow.bridge;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nrm.referral.api.Deadlines;
import org.nrm.referral.api.EndMoveOnSupport;
import org.nrm.referral.api.EndRecoveryPeriod;
import org.nrm.workflow.CommandSender;
import org.nrm.workflow.MechanismDates;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.TestEngine;
import org.nrm.workflow.TestJurisdictions;
import org.nrm.workflow.jurisdiction.AgencyDirectory;
import org.nrm.workflow.jurisdiction.MechanismJurisdiction;
import org.nrm.workflow.queue.Notifications;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the mechanism's model on the test engine with the mechanism's real service-task delegates (breaches, the
 * recovery period's and move-on support's ends, the permit's and the voluntary return's steps). Only the outside edge
 * is recorded: the command gateway behind the real {@link CommandSender} keeps every command with its metadata and
 * answers as the case would ({@link #answer}); notifications go to the real {@code notification} table (workflow's
 * migrations, on the engine's database) and breaches are counted in a real meter registry. Each delegate call is also
 * noted in {@link #mechanismSteps} as {@code name:taskKey}. The clock starts at a fixed moment and tests move it
 * forward.
 */
abstract class MechanismProcessTestSupport {

    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    private static final List<String> MIGRATIONS = List.of("V3__work_queue.sql", "V5__notifications_and_correlation.sql",
            "V11__work_queue_detail.sql", "V12__work_queue_order.sql", "V16__work_queue_tally.sql");

    @RegisterExtension
    /** Per test instance: a static one is cleared after the first test class and fails every later one. */
    ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(TestEngine.get()).build();

    protected ProcessEngine engine;
    protected final List<String> mechanismSteps = new ArrayList<>();
    /** Every command the delegates sent, as the gateway received it (payload and metadata), in order. */
    protected final List<CommandMessage<?>> sent = new ArrayList<>();
    protected final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** What the next "end recovery period" command answers: ended, or extended until the given moment. */
    protected Instant recoveryExtendedUntil;
    /** What the next "end move-on support" command answers: the moment support ended, or null (not ended). */
    protected Instant moveOnSupportEndedAt;
    protected JdbcTemplate jdbc;
    /** The engine's clock, as the application's clock would read it. */
    protected Clock clock;
    protected CommandSender commandSender;
    protected Notifications notifications;
    protected MechanismJurisdiction jurisdiction;
    /** Notifications with a larger id were written by this test. */
    private long notificationsBefore;

    @BeforeEach
    void setUpMechanism() {
        engine = extension.getProcessEngine();
        init(engine);
        ClockUtil.setCurrentTime(Date.from(START));
        DataSource data = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
        migrate(data);
        jdbc = new JdbcTemplate(data);
        notificationsBefore = jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM notification", Long.class);
        clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return ClockUtil.getCurrentTime().toInstant();
            }
        };
        commandSender = new CommandSender(new RecordingGateway(), jdbc);
        notifications = new Notifications(jdbc, clock);
        jurisdiction = new MechanismJurisdiction(directory());
        Mocks.register("mechanismDates", new MechanismDates());
        Mocks.register("jurisdiction", jurisdiction);
        Mocks.register("shelterTypeDecision", new org.nrm.workflow.jurisdiction.ShelterTypeDecision(
                new org.nrm.workflow.jurisdiction.LatestDecisions(
                        (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                                engine.getProcessEngineConfiguration(), clock)));
        DeadlineBreaches breaches = new DeadlineBreaches(commandSender, notifications, meters, engine.getTaskService());
        ResidencePermitDelegates permits = new ResidencePermitDelegates();
        VoluntaryReturnDelegates returns = new VoluntaryReturnDelegates();
        register("deadlineBreach", new DeadlineBreachDelegate(breaches, jurisdiction));
        register("endRecoveryPeriod", new EndRecoveryPeriodDelegate(commandSender));
        register("endMoveOnSupport", new EndMoveOnSupportDelegate(commandSender, breaches));
        register("applyForResidencePermit", permits.applyForResidencePermit(commandSender));
        register("permitReminder", permits.permitReminder(notifications, jurisdiction));
        register("expireResidencePermit", permits.expireResidencePermit(commandSender));
        register("requestVoluntaryReturn", returns.requestVoluntaryReturn(commandSender));
        register("abandonVoluntaryReturn", returns.abandonVoluntaryReturn(commandSender));
        register("completeVoluntaryReturn", returns.completeVoluntaryReturn(commandSender));
    }

    /** The jurisdiction the model runs for: the demo's agencies unless a test class serves another. */
    protected AgencyDirectory directory() {
        return TestJurisdictions.DEMO;
    }

    /** What the case answers to a command the mechanism sends (the command handler's return value). */
    protected Object answer(Object command) {
        if (command instanceof EndRecoveryPeriod) {
            Deadlines deadlines = recoveryExtendedUntil == null ? Deadlines.none()
                    : Deadlines.none().with(Deadlines.Deadline.RECOVERY_PERIOD_ENDS, recoveryExtendedUntil);
            recoveryExtendedUntil = null;
            return deadlines;
        }
        if (command instanceof EndMoveOnSupport) {
            return moveOnSupportEndedAt == null ? Deadlines.none()
                    : Deadlines.none().with(Deadlines.Deadline.MOVE_ON_SUPPORT_ENDED, moveOnSupportEndedAt);
        }
        return null;
    }

    /** The commands sent so far, in order. */
    List<Object> commands() {
        return sent.stream().<Object>map(CommandMessage::getPayload).toList();
    }

    /** The commands of one type sent so far, in order. */
    <C> List<C> commands(Class<C> type) {
        return commands().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The notifications this test wrote, as {@code agency/audience/kind}, in order. */
    List<String> notifications() {
        return jdbc.queryForList("SELECT agency || '/' || audience || '/' || kind FROM notification WHERE id > ? "
                + "ORDER BY id", String.class, notificationsBefore);
    }

    @AfterEach
    void resetMechanism() {
        Mocks.reset();
        ClockUtil.reset();
    }

    private void register(String name, JavaDelegate delegate) {
        Mocks.register(name, (JavaDelegate) execution -> {
            mechanismSteps.add(name + ":" + execution.getVariable("taskKey"));
            delegate.execute(execution);
        });
    }

    /** Workflow's own tables (notifications, correlated events, the queue) on the engine's database, once. */
    private static synchronized void migrate(DataSource data) {
        try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT to_regclass('correlated_event') IS NOT NULL");
            exists.next();
            if (exists.getBoolean(1)) {
                return;
            }
            for (String migration : MIGRATIONS) {
                try (var in = MechanismProcessTestSupport.class.getResourceAsStream("/db/migration/" + migration)) {
                    statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outside edge: keeps each command and answers it as the case would, at once. */
    private final class RecordingGateway implements CommandGateway {

        @Override
        @SuppressWarnings("unchecked")
        public <R> R sendAndWait(Object command) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
            sent.add(message);
            return (R) answer(message.getPayload());
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            return sendAndWait(command);
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            throw new UnsupportedOperationException("the mechanism's steps send and wait");
        }

        @Override
        public <R> CompletableFuture<R> send(Object command) {
            throw new UnsupportedOperationException("the mechanism's steps send and wait");
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
            throw new UnsupportedOperationException();
        }
    }

    /** The variables the workflow bridge starts a case's process with. */
    static Map<String, Object> referral(boolean child, boolean ageUncertain, boolean foreignNational,
                                        boolean needsAccommodation) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("caseId", "case-1");
        variables.put("notification", false);
        variables.put("child", child);
        variables.put("ageUncertain", ageUncertain);
        variables.put("foreignNational", foreignNational);
        variables.put("needsAccommodation", needsAccommodation);
        variables.put("gender", "FEMALE");
        variables.put("countryOfReturn", "VN");
        variables.put("reasonableGroundsDueAt", date(days(5)));
        variables.put("guardianDueAt", date(days(1)));
        return variables;
    }

    ProcessInstance start(Map<String, Object> variables) {
        return engine.getRuntimeService().startProcessInstanceByKey(MechanismProcess.PROCESS_KEY, "case-1", variables);
    }

    static Instant days(long days) {
        return START.plus(Duration.ofDays(days));
    }

    static Date date(Instant instant) {
        return Date.from(instant);
    }

    void moveClockTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** Runs every job that is due now (timers whose date has come, and asynchronous continuations), until none is. */
    void runDueJobs(ProcessInstance instance) {
        for (int round = 0; round < 20; round++) {
            List<Job> due = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
                    .executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("jobs keep coming");
    }

    Task task(ProcessInstance instance, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key)
                .singleResult();
    }

    List<String> openTaskKeys(ProcessInstance instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list().stream()
                .map(Task::getTaskDefinitionKey).sorted().toList();
    }

    void complete(ProcessInstance instance, String key, Object... variables) {
        Task task = task(instance, key);
        if (task == null) {
            throw new AssertionError("no open task " + key + "; open: " + openTaskKeys(instance));
        }
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            values.put((String) variables[i], variables[i + 1]);
        }
        engine.getTaskService().complete(task.getId(), values);
    }

    void correlate(ProcessInstance instance, String message, Object... variables) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            values.put((String) variables[i], variables[i + 1]);
        }
        engine.getRuntimeService().createMessageCorrelation(message).processInstanceId(instance.getId())
                .setVariables(values).correlateWithResult();
    }

    long jobs(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count();
    }
}
