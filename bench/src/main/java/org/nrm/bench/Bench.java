package org.nrm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * Loads a running platform as its users do and measures it, each figure beside a baseline taken in the same run:
 * referral intake (vs plain JDBC inserts of equally large events), decisions (vs an empty Camunda user task), read
 * latencies, the delay before a decision is visible, and the platform's peak heap; beside the intake and the decisions,
 * what a step costs (SQL statements from pg_stat_statements, the platform's CPU time) against issue #19's budget.
 * Prints a table and writes JSON.
 *
 * <p>Arguments: {@code --url=http://localhost:8080 --jdbc=jdbc:postgresql://localhost:5432/nrm_bench
 * --baseline-jdbc=jdbc:postgresql://localhost:5432/nrm_bench_baseline --user=.. --password=.. --clients=8
 * --seconds=30 --warmup=5 --output=bench-results.json}
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String REFERRAL = """
            {"person":{"givenName":"Bench","familyName":"Person","birthDate":"1991-05-05","gender":"FEMALE",
             "citizenships":["VN"],"languages":["vie"]},"exploitationTypes":["FORCED_LABOUR"],
             "exploitationLocation":"DOMESTIC","indicators":["DOCUMENTS_WITHHELD"],"consentToReferral":true,
             "needsAccommodation":true,"narrative":"%s"}""".formatted("x".repeat(400));

    private final Map<String, String> args;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(16)).build();
    private final String base;
    private final int clients;
    private final int seconds;
    private final int warmup;
    /** A measured phase goes on past its seconds until it has this many samples (smoke runs on a busy machine). */
    private final long minSamples;
    private final int maxExtraSeconds;
    private volatile double lastPhaseSeconds;
    private final Map<String, Object> results = new LinkedHashMap<>();

    public Bench(Map<String, String> args) {
        this.args = args;
        this.base = args.getOrDefault("url", "http://localhost:8080");
        this.clients = Integer.parseInt(args.getOrDefault("clients", "8"));
        this.seconds = Integer.parseInt(args.getOrDefault("seconds", "30"));
        this.warmup = Integer.parseInt(args.getOrDefault("warmup", "5"));
        this.minSamples = Long.parseLong(args.getOrDefault("min-samples", "0"));
        this.maxExtraSeconds = Integer.parseInt(args.getOrDefault("max-extra-seconds", "120"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : argv) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        if ("seed".equals(args.get("phase"))) {
            seed(args);
            return;
        }
        Path output = Path.of(args.getOrDefault("output", "bench-results.json"));
        Bench bench = new Bench(args);
        if (Boolean.parseBoolean(args.getOrDefault("merge", "false")) && Files.exists(output)) {
            JSON.readValue(output.toFile(), LinkedHashMap.class).forEach((k, v) -> bench.results.put((String) k, v));
        }
        Map<String, Object> results = switch (args.getOrDefault("phase", "all")) {
            case "cases" -> bench.runWholeCases();
            case "reads" -> bench.runOnly(bench::reads);
            case "intake" -> bench.runOnly(bench::intake);
            case "decisions" -> bench.runOnly(bench::decisions);
            case "rebuild" -> bench.runOnly(bench::rebuild);
            case "seed-events" -> bench.runOnly(bench::seedEvents);
            default -> bench.run();
        };
        Files.writeString(output, JSON.writeValueAsString(results));
        System.out.println("\nJSON: " + output.toAbsolutePath());
        System.exit(0); // the HTTP client's threads would keep the JVM alive
    }

    /**
     * {@code --phase=seed --cases=N [--years=10 --open-days=60 --threads=2 --master-key=..]}: fills the stopped
     * platform's database with N cases through the bench's own JDBC ({@link BulkSeed}) and prints one
     * {@code SEEDED ...} line of figures.
     */
    static void seed(Map<String, String> args) throws Exception {
        var settings = new BulkSeed.Settings(Long.parseLong(args.getOrDefault("cases", "1000")),
                Integer.parseInt(args.getOrDefault("years", "10")),
                Integer.parseInt(args.getOrDefault("open-days", "60")),
                Integer.parseInt(args.getOrDefault("threads", "2")));
        try (HikariDataSource db = pool(args.get("jdbc"), settings.threads(), args)) {
            long t0 = System.nanoTime();
            long events = new BulkSeed(db, args.getOrDefault("master-key", BulkSeed.DEMO_MASTER_KEY)).seed(settings);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("SEEDED cases=%d events=%d seconds=%.1f eventsPerSecond=%d%n", settings.cases(),
                    events, seconds, Math.round(events / seconds));
        }
    }

    public Map<String, Object> run() throws Exception {
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch")));
        results.put("clients", clients);
        results.put("seconds", seconds);
        if (Boolean.parseBoolean(args.getOrDefault("catchup", "false"))) {
            catchUp();
        }
        intake();
        intakeBaseline();
        decisions();
        decisionBaseline();
        reads();
        if (Boolean.parseBoolean(args.getOrDefault("replay", "true"))) {
            rebuild();
        }
        results.put("failedRequests", FAILURES.get());
        ratios();
        print();
        return results;
    }

    /**
     * Each figure's ratio to its baseline from the same run (issue #19's table), for the figures whose baseline the
     * run measured: the intake to plain JDBC inserts, the decisions to an empty Camunda task, the build from the first
     * event to plain JDBC streaming (the bulk rebuild's ratio is {@code rebuildRatioToJdbcStreaming}).
     */
    private void ratios() {
        ratio("intakeRatioToJdbcInsert", perSecond(results.get("intake")),
                perSecond(results.get("intakeBaselineJdbc")));
        ratio("decisionsRatioToCamundaTask", perSecond(results.get("decisions")),
                perSecond(results.get("decisionBaselineCamunda")));
        ratio("buildFromFirstEventRatioToJdbcStreaming", perSecond(results.get("buildFromFirstEventEventsPerSecond")),
                perSecond(results.get("buildBaselineJdbcEventsPerSecond")));
    }

    private void ratio(String name, Double figure, Double baseline) {
        if (figure != null && baseline != null && baseline > 0) {
            results.put(name, Math.round(figure / baseline * 1000) / 1000.0);
        }
    }

    /** A figure's rate: a number, or the {@code perSecond} of a figure with latencies; null when not measured. */
    private static Double perSecond(Object value) {
        Object rate = value instanceof Map<?, ?> figure ? figure.get("perSecond") : value;
        return rate instanceof Number n ? n.doubleValue() : null;
    }

    /** One phase alone, against a store already at scale (to measure a change without seeding again). */
    public Map<String, Object> runOnly(Phase phase) throws Exception {
        phase.run();
        ratios();
        print();
        return results;
    }

    @FunctionalInterface
    interface Phase {
        void run() throws Exception;
    }

    /** Only the whole-cases phase, against a platform running with compressed periods (demo-fast). */
    public Map<String, Object> runWholeCases() throws Exception {
        wholeCases();
        results.put("failedRequestsWholeCases", FAILURES.get());
        print();
        return results;
    }

    // ---------------------------------------------------------------- building the views from the first event

    /**
     * The platform has just started on a store seeded in bulk, its projections at the first event: waits until every
     * projection has caught up, and divides the events each had to handle by the time. Baseline: streaming the same
     * events with plain JDBC.
     */
    private void catchUp() throws Exception {
        long t0 = System.nanoTime();
        long behind = 0;
        long deadline = t0 + TimeUnit.HOURS.toNanos(3);
        while (System.nanoTime() < deadline) {
            long lag = 0;
            for (JsonNode processor : processors()) {
                lag = Math.max(lag, processor.get("lagEvents").asLong());
            }
            behind = Math.max(behind, lag);
            if (lag == 0) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long events = jdbcStreaming("buildBaselineJdbcEventsPerSecond");
        results.put("buildFromFirstEventEvents", events);
        results.put("buildFromFirstEventEventsBehindAtStart", behind);
        results.put("buildFromFirstEventSeconds", Math.round(elapsed * 10) / 10.0);
        results.put("buildFromFirstEventEventsPerSecond", Math.round(behind / elapsed));
    }

    private JsonNode processors() throws Exception {
        HttpResponse<String> response = http.send(request("admin", "/api/admin/processors").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    // ---------------------------------------------------------------- referral intake

    private void intake() throws Exception {
        load(warmup, clients, () -> post("police", "/api/referrals", REFERRAL), null);
        Latencies latencies = new Latencies();
        StepCost cost = StepCost.start(this);
        long done = load(seconds, clients, () -> post("police", "/api/referrals", REFERRAL), latencies);
        Map<String, Object> intake = figure(done / lastPhaseSeconds, latencies, ">= 500/s");
        cost.stop(done, REFERRAL_STATEMENT_BUDGET, intake);
        results.put("intake", intake);
        Latencies paced = new Latencies();
        pace(100, Math.max(1, seconds / 3), () -> post("police", "/api/referrals", REFERRAL), paced);
        results.put("intakeAt100PerSecond", figure(100, paced, "p99 <= 50 ms"));
    }

    private void intakeBaseline() throws Exception {
        try (HikariDataSource db = pool(args.get("jdbc"), clients)) {
            try (Connection c = db.getConnection()) {
                c.createStatement().execute("DROP TABLE IF EXISTS bench_baseline_event");
                c.createStatement().execute("CREATE TABLE bench_baseline_event (id BIGSERIAL PRIMARY KEY, "
                        + "aggregate VARCHAR(64), seq BIGINT, payload BYTEA, metadata BYTEA, UNIQUE (aggregate, seq))");
            }
            byte[] payload = (REFERRAL + REFERRAL).getBytes(StandardCharsets.UTF_8);
            AtomicLong ids = new AtomicLong();
            Latencies latencies = new Latencies();
            long done = load(seconds, clients, () -> {
                try (Connection c = db.getConnection();
                     PreparedStatement insert = c.prepareStatement("INSERT INTO bench_baseline_event "
                             + "(aggregate, seq, payload, metadata) VALUES (?, 0, ?, ?)")) {
                    insert.setString(1, "case-" + ids.incrementAndGet());
                    insert.setBytes(2, payload);
                    insert.setBytes(3, "{\"actor\":\"police\"}".getBytes(StandardCharsets.UTF_8));
                    insert.executeUpdate();
                    return true;
                }
            }, latencies);
            results.put("intakeBaselineJdbc", figure(done / lastPhaseSeconds, latencies, "-"));
        }
    }

    // ---------------------------------------------------------------- decisions

    private void decisions() throws Exception {
        Queue<String> tasks = new ConcurrentLinkedQueue<>();
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxExtraSeconds);
        try (HikariDataSource db = pool(args.get("jdbc"), 2); Connection c = db.getConnection()) {
            // the intake's cases reach the work queue through a projection: a smoke run waits for enough of them
            do {
                tasks.clear();
                var rs = c.createStatement().executeQuery("SELECT task_id, case_id FROM work_queue WHERE task_key = "
                        + "'reasonable-grounds-decision' AND assignee IS NULL AND task_id NOT LIKE 'seed-%' "
                        + "ORDER BY created_at");
                while (rs.next()) {
                    tasks.add(rs.getString(1) + "|" + rs.getString(2));
                }
            } while (tasks.size() < minSamples && System.nanoTime() < waitUntil
                    && pause(200));
        }
        results.put("decisionsAvailable", tasks.size());
        Latencies latencies = new Latencies();
        Latencies visibility = new Latencies();
        AtomicLong heapPeak = new AtomicLong();
        AtomicLong sampled = new AtomicLong();
        ExecutorService monitor = Executors.newSingleThreadExecutor();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        monitor.submit(() -> {
            while (System.nanoTime() < until) {
                heapPeak.accumulateAndGet(heapUsed(), Math::max);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
            }
        });
        Latencies queueVisibility = new Latencies();
        ExecutorService observers = Executors.newFixedThreadPool(2);
        Map<String, long[]> lagBefore = visibilityBuckets();
        StepCost cost = StepCost.start(this);
        long start = System.nanoTime();
        long done = load(seconds, clients, () -> {
            String next = tasks.poll();
            if (next == null) {
                throw new NoMoreWork();
            }
            String[] parts = next.split("\\|");
            boolean ok = post("competent-authority", "/api/tasks/" + parts[0] + "/claim", "{}")
                    && post("competent-authority", "/api/tasks/" + parts[0] + "/complete",
                    "{\"outcome\":\"POSITIVE\",\"reasons\":\"Credible account\"}");
            if (ok && sampled.incrementAndGet() % 10 == 1) {
                // measured beside the load, so the decision clients keep their pace
                observers.submit(() -> {
                    long t0 = System.nanoTime();
                    get("competent-authority", "/api/cases/" + parts[1]);
                    visibility.record((System.nanoTime() - t0) / 1000);
                    // the decision's next task (the shelter placement) in the shelter provider's queue
                    long t1 = System.nanoTime();
                    while (System.nanoTime() - t1 < TimeUnit.SECONDS.toNanos(30)) {
                        HttpResponse<String> queue = http.send(request("shelter-provider", "/api/tasks?caseId="
                                + parts[1]).GET().build(), HttpResponse.BodyHandlers.ofString());
                        if (queue.body().contains("shelter-placement")) {
                            queueVisibility.record((System.nanoTime() - t1) / 1000);
                            break;
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                    }
                    return null;
                });
            }
            return ok;
        }, latencies);
        double elapsed = Math.min(lastPhaseSeconds, (System.nanoTime() - start) / 1e9);
        Map<String, Object> decisions = figure(done / elapsed, latencies, ">= 300/s, >= 0.5 x baseline");
        cost.stop(done, DECISION_STATEMENT_BUDGET, decisions);
        monitor.shutdownNow();
        observers.shutdown();
        observers.awaitTermination(60, TimeUnit.SECONDS);
        Map<String, long[]> lagAfter = visibilityBuckets();
        // the decisions' events reach the case views a moment after the phase: a smoke run waits for them
        long lagUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxExtraSeconds);
        while (minSamples > 0 && done > 0 && System.nanoTime() < lagUntil
                && total(lagAfter.get("case-views")) <= total(lagBefore.get("case-views"))) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            lagAfter = visibilityBuckets();
        }
        lagAfter.forEach((group, after) -> results.put("projectionLag_" + group,
                bucketFigure(after, lagBefore.getOrDefault(group, new long[after.length]))));
        results.put("decisionNextTaskVisibleInQueue", figure(Double.NaN, queueVisibility,
                "p99 <= 500 ms (same transaction as the decision)"));
        results.put("decisions", decisions);
        results.put("decisionVisibleInCaseView", figure(Double.NaN, visibility, "p99 <= 500 ms"));
        results.put("peakHeapMegabytes", heapPeak.get() / (1024 * 1024));
    }

    private void decisionBaseline() throws Exception {
        var configuration = new StandaloneProcessEngineConfiguration();
        try (HikariDataSource db = pool(args.get("baseline-jdbc"), clients + 2)) {
            configuration.setDataSource(db);
            configuration.setDatabaseSchemaUpdate("true");
            configuration.setJobExecutorActivate(false);
            configuration.setHistory("full");
            configuration.setProcessEngineName("bench-baseline");
            ProcessEngine engine = configuration.buildProcessEngine();
            try {
                engine.getRepositoryService().createDeployment().addModelInstance("empty-task.bpmn",
                        Bpmn.createExecutableProcess("empty-task").camundaHistoryTimeToLive(1).startEvent()
                                .userTask("decide").camundaCandidateGroups("competent-authority").endEvent().done())
                        .enableDuplicateFiltering(true).deploy();
                Latencies latencies = new Latencies();
                AtomicLong ids = new AtomicLong();
                load(warmup, clients, () -> emptyTask(engine, ids), null);
                long done = load(seconds, clients, () -> emptyTask(engine, ids), latencies);
                results.put("decisionBaselineCamunda", figure(done / lastPhaseSeconds, latencies, "-"));
            } finally {
                engine.close();
            }
        }
    }

    private static boolean emptyTask(ProcessEngine engine, AtomicLong ids) {
        String key = "b-" + ids.incrementAndGet();
        engine.getRuntimeService().startProcessInstanceByKey("empty-task", key);
        var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(key).singleResult();
        engine.getTaskService().claim(task.getId(), "bench");
        engine.getTaskService().complete(task.getId());
        return true;
    }

    // ---------------------------------------------------------------- reads

    private void reads() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate quarter = today.withMonth(((today.getMonthValue() - 1) / 3) * 3 + 1).withDayOfMonth(1);
        String statistics = "/api/oversight/statistics?from=" + quarter + "&to=" + quarter.plusMonths(3);
        List<String[]> reads = new java.util.ArrayList<>(List.of(
                new String[] {"tasks", "competent-authority", "/api/tasks"},
                new String[] {"queues", "competent-authority-lead", "/api/queues"},
                new String[] {"statisticsQuarter", "rapporteur", statistics}));
        // the queue's second page (a page after a cursor), when the queue is longer than one
        String cursor = http.send(request("competent-authority", "/api/tasks").GET().build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Next-Cursor").orElse(null);
        if (cursor != null) {
            reads.add(1, new String[] {"tasksNextPage", "competent-authority", "/api/tasks?cursor=" + cursor});
            // the page the API answered before it was paged (500 tasks), for comparison in the same run
            reads.add(2, new String[] {"tasks500", "competent-authority", "/api/tasks?limit=500"});
        }
        for (String[] read : reads) {
            int readSeconds = Math.max(1, seconds / 3);
            load(Math.min(2, warmup), 2, () -> get(read[1], read[2]), null);
            Latencies latencies = new Latencies();
            long done = load(readSeconds, 2, () -> get(read[1], read[2]), latencies);
            results.put("read_" + read[0], figure(done / lastPhaseSeconds, latencies,
                    read[0].startsWith("statistics") ? "p99 <= 200 ms" : "p99 <= 20 ms"));
        }
        pages();
        try (HikariDataSource db = pool(args.get("jdbc"), 1); Connection c = db.getConnection()) {
            var rs = c.createStatement().executeQuery("SELECT (SELECT count(*) FROM case_view), "
                    + "(SELECT count(*) FROM domainevententry)");
            rs.next();
            results.put("casesInStore", rs.getLong(1));
            results.put("eventsInStore", rs.getLong(2));
        }
    }

    /**
     * The pages of a case worker, signed in through the form as a browser is: the inbox (its first page of 50 tasks)
     * and the page of a case in the competent authority's queue, 2 clients each (target p99 <= 100 ms).
     */
    private void pages() throws Exception {
        HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newFixedThreadPool(4)).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) {
            results.put("read_pages", "no sign-in form");
            return;
        }
        String form = "username=competent-authority&password=demo&_csrf="
                + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<Void> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            results.put("read_pages", "sign-in refused: " + signedIn.statusCode());
            return;
        }
        JsonNode first = JSON.readTree(http.send(request("competent-authority", "/api/tasks?limit=1").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<String[]> pages = new ArrayList<>();
        pages.add(new String[] {"inboxPage", "/inbox"});
        if (first.size() > 0) {
            pages.add(new String[] {"casePage", "/cases/" + first.get(0).get("caseId").asText()});
        }
        for (String[] page : pages) {
            Step step = () -> browser.send(HttpRequest.newBuilder(URI.create(base + page[1]))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
            int readSeconds = Math.max(1, seconds / 3);
            load(Math.min(2, warmup), 2, step, null);
            Latencies latencies = new Latencies();
            long done = load(readSeconds, 2, step, latencies);
            results.put("read_" + page[0], figure(done / lastPhaseSeconds, latencies, "p99 <= 100 ms"));
        }
    }

    // ---------------------------------------------------------------- rebuild

    /** Replays the case views from the first event (admin endpoint) and, as the baseline, streams the events by JDBC. */
    private void rebuild() throws Exception {
        long events = jdbcStreaming("rebuildBaselineJdbcEventsPerSecond");
        long t0 = System.nanoTime();
        if (!post("admin", "/api/admin/processors/case-views/replay", "{}")) {
            results.put("rebuildEventsPerSecond", "replay refused");
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            JsonNode caseViews = processors().get(0);
            if (!caseViews.get("replaying").asBoolean() && caseViews.get("lagEvents").asLong() == 0
                    && !caseViews.path("servingSnapshot").asBoolean()) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        results.put("rebuildEvents", events);
        results.put("rebuildSeconds", Math.round(seconds * 10) / 10.0);
        results.put("rebuildEventsPerSecond", Math.round(events / seconds));
        Object baseline = results.get("rebuildBaselineJdbcEventsPerSecond");
        if (baseline instanceof Number b && b.doubleValue() > 0) {
            results.put("rebuildRatioToJdbcStreaming", Math.round(events / seconds / b.doubleValue() * 1000) / 1000.0);
        }
        // where the time went, as the platform's bulk rebuild timed its steps (ms)
        JsonNode caseViews = processors().get(0);
        if (caseViews.has("lastRebuildMillis")) {
            results.put("rebuildMillisByStep", caseViews.get("lastRebuildMillis").toString());
            results.put("rebuildPlatformEventsPerSecond", caseViews.get("lastRebuildEventsPerSecond").asLong());
        }
    }

    /**
     * Seeds events in bulk with plain JDBC for the rebuild at scale ({@link EventSeeding}), the platform stopped,
     * and hands the case views' processor a token at the new head.
     */
    private void seedEvents() throws Exception {
        long events = Long.parseLong(args.getOrDefault("events", "3000000"));
        try (HikariDataSource db = pool(args.get("jdbc"), 1); Connection c = db.getConnection()) {
            long t0 = System.nanoTime();
            long written = new EventSeeding().seed(c, events, 2000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long head = EventSeeding.tokenAtHead(c);
            results.put("seededEvents", written);
            results.put("seedEventsPerSecond", Math.round(written / seconds));
            results.put("storeHead", head);
        }
    }

    /** Streams every stored event with plain JDBC (what any rebuild must at least read); returns the count. */
    private long jdbcStreaming(String figure) throws Exception {
        try (HikariDataSource db = pool(args.get("jdbc"), 1); Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long events = 0;
            try (var statement = c.createStatement()) {
                statement.setFetchSize(1000);
                var rs = statement.executeQuery("SELECT globalindex, payloadtype, payload, metadata "
                        + "FROM domainevententry ORDER BY globalindex");
                while (rs.next()) {
                    rs.getBytes(3);
                    rs.getBytes(4);
                    events++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            results.put(figure, Math.round(events / seconds));
            return events;
        }
    }

    // ---------------------------------------------------------------- projection lag from the platform's timer

    /** Upper bounds (ms) of the buckets of {@code nrm.projection.visibility}, as the platform publishes them. */
    private static final double[] LAG_BOUNDS = {5, 10, 20, 50, 100, 200, 300, 500, 750, 1000, 2000, 5000, 10000,
            30000, Double.POSITIVE_INFINITY};

    /** Cumulative counts per bucket of the visibility timer, per processing group, from the Prometheus endpoint. */
    private Map<String, long[]> visibilityBuckets() throws Exception {
        HttpResponse<String> response = http.send(request("admin", "/actuator/prometheus").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, long[]> buckets = new LinkedHashMap<>();
        var line = java.util.regex.Pattern.compile(
                "^nrm_projection_visibility_seconds_bucket\\{(.*)\\} ([0-9.Ee+-]+)$", java.util.regex.Pattern.MULTILINE)
                .matcher(response.body());
        while (line.find()) {
            var group = java.util.regex.Pattern.compile("processor=\"([^\"]+)\"").matcher(line.group(1));
            var le = java.util.regex.Pattern.compile("le=\"([^\"]+)\"").matcher(line.group(1));
            if (!group.find() || !le.find()) {
                continue;
            }
            double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1)) * 1000;
            for (int i = 0; i < LAG_BOUNDS.length; i++) {
                if (Math.abs(LAG_BOUNDS[i] - bound) < 0.5 || (Double.isInfinite(bound) && Double.isInfinite(LAG_BOUNDS[i]))) {
                    buckets.computeIfAbsent(group.group(1), g -> new long[LAG_BOUNDS.length])[i] =
                            (long) Double.parseDouble(line.group(2));
                }
            }
        }
        return buckets;
    }

    private static boolean pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        return true;
    }

    private static long total(long[] buckets) {
        return buckets == null ? 0 : buckets[buckets.length - 1];
    }

    /** p50/p99 of the events committed during a phase, as the upper bound of the bucket each falls in. */
    static Map<String, Object> bucketFigure(long[] after, long[] before) {
        long total = after[after.length - 1] - before[before.length - 1];
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("perSecond", null);
        figure.put("count", total);
        figure.put("p50Millis", total == 0 ? null : bound(after, before, total, 0.50));
        figure.put("p99Millis", total == 0 ? null : bound(after, before, total, 0.99));
        figure.put("target", "p99 <= 500 ms (bucket upper bounds)");
        return figure;
    }

    private static Object bound(long[] after, long[] before, long total, double q) {
        for (int i = 0; i < LAG_BOUNDS.length; i++) {
            if (after[i] - before[i] >= Math.ceil(q * total)) {
                return Double.isInfinite(LAG_BOUNDS[i]) ? "> 30000" : "<= " + (long) LAG_BOUNDS[i];
            }
        }
        return "> 30000";
    }

    // ---------------------------------------------------------------- the cost of a step: statements and CPU

    /** Issue #19's budget: SQL statements per referral and per decision (a target to report against, not asserted). */
    static final int REFERRAL_STATEMENT_BUDGET = 25;
    static final int DECISION_STATEMENT_BUDGET = 50;

    /**
     * What the platform spent during a load: the SQL statements its database executed (pg_stat_statements' calls in the
     * platform's database, summed before and after; transaction control and the bench's own reads of the view left
     * out; everything else the platform did meanwhile is in, its projections and jobs included) and the platform
     * process's CPU time ({@code process.cpu.time} from the actuator), each divided by the steps the load completed.
     */
    static final class StepCost {
        private final Bench bench;
        private final long[] statements;
        private final double cpuSeconds;

        private StepCost(Bench bench) {
            this.bench = bench;
            this.statements = bench.statementCalls();
            this.cpuSeconds = bench.platformCpuSeconds();
        }

        static StepCost start(Bench bench) {
            return new StepCost(bench);
        }

        /** Puts the per-step figures into {@code figure}; a figure the server cannot give is reported as missing. */
        void stop(long steps, int budget, Map<String, Object> figure) {
            long[] after = bench.statementCalls();
            double cpuAfter = bench.platformCpuSeconds();
            if (steps <= 0) {
                figure.put("statementBudget", "no steps");
                return;
            }
            if (statements == null || after == null) {
                figure.put("statementBudget", "unmeasured (pg_stat_statements not loaded on the server)");
            } else {
                double perStep = (after[0] - statements[0]) / (double) steps;
                double writes = (after[1] - statements[1]) / (double) steps;
                figure.put("statementsPerStep", Math.round(perStep * 10) / 10.0);
                figure.put("writeStatementsPerStep", Math.round(writes * 10) / 10.0);
                figure.put("statementBudgetTarget", budget);
                figure.put("statementBudget", budgetLine(perStep, budget));
            }
            if (!Double.isNaN(cpuSeconds) && !Double.isNaN(cpuAfter)) {
                figure.put("platformCpuMillisPerStep", Math.round((cpuAfter - cpuSeconds) * 1000 / steps * 10) / 10.0);
            }
        }
    }

    static String budgetLine(double perStep, int budget) {
        double difference = Math.round(Math.abs(perStep - budget) * 10) / 10.0;
        return String.format("%.1f per step vs <= %d: %s", perStep, budget,
                perStep > budget ? difference + " over budget (" + Math.round(perStep / budget * 100) / 100.0 + " x)"
                        : difference + " under budget");
    }

    /**
     * The calls pg_stat_statements counted in the platform's database: {all, all but SELECTs (the writes: INSERT,
     * UPDATE, DELETE and the write CTEs)}; null when the module is
     * not loaded (the extension is created here if it can be).
     */
    long[] statementCalls() {
        try (Connection c = java.sql.DriverManager.getConnection(args.get("jdbc"), args.getOrDefault("user", "nrm"),
                args.getOrDefault("password", "nrm")); var statement = c.createStatement()) {
            try {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            } catch (java.sql.SQLException notPermitted) {
                // run.sh creates it as the server's superuser; another server may already have it
            }
            var rs = statement.executeQuery("SELECT coalesce(sum(calls), 0), coalesce(sum(calls) FILTER (WHERE query "
                    + "!~* '^\\s*select'), 0) FROM pg_stat_statements "
                    + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                    + "AND query !~* '^\\s*(begin|commit|rollback|start transaction|savepoint|release|set |show |"
                    + "discard|deallocate)' AND query !~* 'pg_stat_statements'");
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (Exception unavailable) {
            return null;
        }
    }

    /** The platform process's CPU time in seconds (Micrometer's {@code process.cpu.time}); NaN when not published. */
    double platformCpuSeconds() {
        try {
            HttpResponse<String> response = http.send(request("admin", "/actuator/metrics/process.cpu.time").GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            double value = body.get("measurements").get(0).get("value").asDouble();
            return switch (body.path("baseUnit").asText("seconds")) {
                case "nanoseconds", "ns" -> value / 1e9;
                case "microseconds" -> value / 1e6;
                case "milliseconds", "ms" -> value / 1e3;
                default -> value;
            };
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static Object orDash(Object value) {
        return value == null ? "-" : value;
    }

    // ---------------------------------------------------------------- whole cases under compressed periods

    /** What each agency answers to each task of a foreign adult's path to closure (no shelter needed). */
    private static final Map<String, String[]> ANSWERS = Map.of(
            "reasonable-grounds-decision", new String[] {"competent-authority",
                    "{\"outcome\":\"POSITIVE\",\"reasons\":\"Credible account\"}"},
            "residence-permit-decision", new String[] {"immigration-service",
                    "{\"outcome\":\"GRANTED\",\"ground\":\"RECOVERY_NEEDS\",\"validUntil\":\"%s\"}"},
            "conclusive-grounds-decision", new String[] {"competent-authority",
                    "{\"outcome\":\"POSITIVE\",\"reasons\":\"Victim of forced labour\"}"},
            "durable-solution", new String[] {"shelter-provider", "{\"outcome\":\"VOLUNTARY_RETURN\"}"},
            "return-risk-assessment", new String[] {"return-organisation", "{\"outcome\":\"LOW\"}"},
            "return-departure", new String[] {"return-organisation",
                    "{\"outcome\":\"DEPARTED\",\"receivingOrganisation\":\"IOM Viet Nam\"}"},
            "reintegration-follow-up", new String[] {"return-organisation", "{\"outcome\":\"ON_TRACK\"}"},
            "case-closure", new String[] {"competent-authority", "{\"outcome\":\"CLOSED\",\"reason\":"
                    + "\"Returned and reintegrated\",\"category\":\"RETURNED\"}"});

    /**
     * Whole cases from referral to closure, on a platform whose days last a second: referrals keep
     * {@code --cases-inflight} cases open while agency clients (two per agency) work their queues as case workers
     * would (claim, complete, next). The figure is closures per second once the first cases have run their course
     * (after {@code --cases-measure-from} seconds, until {@code --cases-seconds}).
     */
    private void wholeCases() throws Exception {
        int total = Integer.parseInt(args.getOrDefault("cases-seconds", "180"));
        int measureFrom = Integer.parseInt(args.getOrDefault("cases-measure-from", "90"));
        int inflightTarget = Integer.parseInt(args.getOrDefault("cases-inflight", "2000"));
        String referral = REFERRAL.replace("\"needsAccommodation\":true", "\"needsAccommodation\":false");
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(total);
        // a smoke run goes on until its cases have had this many task completions (a busy machine is slow to start)
        long minCompletions = Long.parseLong(args.getOrDefault("cases-min-completions", "0"));
        long hardEnd = end + TimeUnit.SECONDS.toNanos(maxExtraSeconds);
        AtomicLong referred = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        AtomicLong completions = new AtomicLong();
        java.util.function.BooleanSupplier going = () -> System.nanoTime() < end
                || completions.get() < minCompletions && System.nanoTime() < hardEnd;
        AtomicLong closedAtMeasureStart = new AtomicLong(-1);
        Latencies completion = new Latencies();
        ExecutorService pool = Executors.newCachedThreadPool();
        java.util.Set<String> mine = java.util.concurrent.ConcurrentHashMap.newKeySet();
        pool.submit(() -> {
            while (going.getAsBoolean()) {
                HttpResponse<String> created = referred.get() - closed.get() >= inflightTarget ? null
                        : http.send(request("police", "/api/referrals").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(referral)).build(), HttpResponse.BodyHandlers.ofString());
                if (created != null && created.statusCode() == 201) {
                    mine.add(JSON.readTree(created.body()).get("caseId").asText());
                    referred.incrementAndGet();
                } else {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            }
            return null;
        });
        pool.submit(() -> {
            try (HikariDataSource db = pool(args.get("jdbc"), 1)) {
                while (going.getAsBoolean() || System.nanoTime() < end + TimeUnit.SECONDS.toNanos(1)) {
                    try (Connection c = db.getConnection(); var rs = c.createStatement()
                            .executeQuery("SELECT case_id FROM case_view WHERE stage = 'CLOSED' AND closed_at > now() - "
                                    + "interval '1 day' * " + (total + 600) / 86400.0)) {
                        long n = 0;
                        while (rs.next()) {
                            n += mine.contains(rs.getString(1)) ? 1 : 0;
                        }
                        closed.set(n);
                    }
                    if (closedAtMeasureStart.get() < 0
                            && System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(measureFrom)) {
                        closedAtMeasureStart.set(closed.get());
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
            }
            return null;
        });
        for (String agency : List.of("competent-authority", "immigration-service", "shelter-provider",
                "return-organisation")) {
            for (int lane = 0; lane < 2; lane++) {
                int ownLane = lane;
                pool.submit(() -> {
                    while (going.getAsBoolean()) {
                        HttpResponse<String> response = http.send(request(agency, "/api/tasks?limit=500").GET()
                                .build(), HttpResponse.BodyHandlers.ofString());
                        List<JsonNode> queue = new java.util.ArrayList<>();
                        JSON.readTree(response.body()).forEach(queue::add);
                        if (response.headers().firstValue("Next-Cursor").isPresent()) {
                            // the agency's queue is longer than one answer (a shared database: other cases' tasks
                            // fall due first): read the bench's own cases' tasks case by case
                            queue.clear();
                            for (String own : List.copyOf(mine)) {
                                JSON.readTree(http.send(request(agency, "/api/tasks?caseId=" + own).GET().build(),
                                        HttpResponse.BodyHandlers.ofString()).body()).forEach(queue::add);
                            }
                        }
                        int worked = 0;
                        for (JsonNode task : queue) {
                            String taskId = task.get("taskId").asText();
                            String[] answer = ANSWERS.get(task.get("key").asText());
                            if (answer == null || !answer[0].equals(agency) || (taskId.hashCode() & 1) != ownLane
                                    || !mine.contains(task.path("caseId").asText())
                                    || !task.path("assignee").isNull() && !task.path("assignee").isMissingNode()) {
                                continue;
                            }
                            long t0 = System.nanoTime();
                            String body = answer[1].contains("%s") ? answer[1].formatted(
                                    java.time.Instant.now().plus(Duration.ofDays(365))) : answer[1];
                            if (post(agency, "/api/tasks/" + taskId + "/claim", "{}")
                                    && post(agency, "/api/tasks/" + taskId + "/complete", body)) {
                                completions.incrementAndGet();
                                completion.record((System.nanoTime() - t0) / 1000);
                                worked++;
                            } else {
                                FAILURES.incrementAndGet();
                            }
                            if (!going.getAsBoolean()) {
                                break;
                            }
                        }
                        if (worked == 0) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                        }
                    }
                    return null;
                });
            }
        }
        pool.shutdown();
        pool.awaitTermination(total + maxExtraSeconds + 120L, TimeUnit.SECONDS);
        long closedInWindow = closed.get() - Math.max(0, closedAtMeasureStart.get());
        double window = total - measureFrom;
        results.put("wholeCasesPerSecond", Math.round(closedInWindow / window * 10) / 10.0);
        results.put("wholeCasesTarget", ">= 30/s");
        results.put("wholeCasesReferred", referred.get());
        results.put("wholeCasesClosed", closed.get());
        results.put("wholeCasesWindowSeconds", measureFrom + "-" + total);
        results.put("wholeCasesInFlightCap", inflightTarget);
        results.put("wholeCasesTaskCompletions", figure(completions.get() / (double) total, completion, "-"));
    }

    // ---------------------------------------------------------------- plumbing

    interface Step {
        /** One request; false when the platform refused it. Throws {@link NoMoreWork} when there is none left. */
        boolean run() throws Exception;
    }

    static final class NoMoreWork extends RuntimeException {
    }

    private static final AtomicLong FAILURES = new AtomicLong();

    /**
     * Runs {@code step} on {@code threads} threads for {@code seconds}; returns the successful steps. A measured phase
     * (with {@code latencies}) goes on until it has {@code --min-samples} (at most {@code --max-extra-seconds} more),
     * so a smoke run on a busy machine still produces its figures; {@link #lastPhaseSeconds} is then its real length.
     */
    long load(int seconds, int threads, Step step, Latencies latencies) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long until = start + TimeUnit.SECONDS.toNanos(seconds);
        long hardUntil = until + TimeUnit.SECONDS.toNanos(maxExtraSeconds);
        long minimum = latencies == null ? 0 : minSamples;
        java.util.concurrent.atomic.AtomicBoolean extended = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.function.BooleanSupplier going = () -> {
            long now = System.nanoTime();
            if (now < until) {
                return true;
            }
            boolean more = done.get() < minimum && now < hardUntil;
            if (more) {
                extended.set(true);
            }
            return more;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < threads; i++) {
            pool.submit(() -> {
                while (going.getAsBoolean()) {
                    long t0 = System.nanoTime();
                    try {
                        if (!step.run()) {
                            FAILURES.incrementAndGet();
                            continue;
                        }
                    } catch (NoMoreWork e) {
                        return;
                    } catch (Exception e) {
                        FAILURES.incrementAndGet();
                        continue;
                    }
                    done.incrementAndGet();
                    if (latencies != null) {
                        latencies.record((System.nanoTime() - t0) / 1000);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + maxExtraSeconds + 60L, TimeUnit.SECONDS);
        lastPhaseSeconds = extended.get() ? (System.nanoTime() - start) / 1e9 : seconds;
        return done.get();
    }

    /** Runs {@code step} at a fixed rate per second for {@code seconds}, from as many threads as needed. */
    private static void pace(int perSecond, int seconds, Step step, Latencies latencies) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long next = System.nanoTime();
        for (int i = 0; i < perSecond * seconds; i++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval;
            pool.submit(() -> {
                long t0 = System.nanoTime();
                try {
                    if (step.run()) {
                        latencies.record((System.nanoTime() - t0) / 1000);
                    }
                } catch (Exception ignored) {
                    // counted as missing
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
    }

    private boolean post(String user, String path, String body) throws Exception {
        HttpResponse<Void> response = http.send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() < 300;
    }

    private boolean get(String user, String path) throws Exception {
        HttpResponse<Void> response = http.send(request(user, path).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode() < 300;
    }

    private long heapUsed() {
        try {
            HttpResponse<String> response = http.send(request("admin",
                    "/actuator/metrics/jvm.memory.used?tag=area:heap").GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            return body.get("measurements").get(0).get("value").asLong();
        } catch (Exception e) {
            return 0;
        }
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private HikariDataSource pool(String url, int size) {
        return pool(url, size, args);
    }

    private static HikariDataSource pool(String url, int size, Map<String, String> args) {
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(args.getOrDefault("user", "nrm"));
        config.setPassword(args.getOrDefault("password", "nrm"));
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    private static Map<String, Object> figure(double perSecond, Latencies latencies, String target) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("perSecond", Double.isNaN(perSecond) ? null : Math.round(perSecond * 10) / 10.0);
        figure.put("count", latencies.count());
        figure.put("p50Millis", latencies.percentileMillis(50));
        figure.put("p99Millis", latencies.percentileMillis(99));
        figure.put("target", target);
        return figure;
    }

    private void print() {
        System.out.printf("%n%-28s %10s %10s %10s %10s %10s %10s   %s%n", "figure", "per second", "p50 ms", "p99 ms",
                "stmts/step", "writes", "cpu ms", "target");
        List<String> lines = new ArrayList<>();
        results.forEach((name, value) -> {
            if (value instanceof Map<?, ?> f && f.containsKey("p99Millis")) {
                String budget = f.containsKey("statementBudget") ? "; statements " + f.get("statementBudget") : "";
                lines.add(String.format("%-28s %10s %10s %10s %10s %10s %10s   %s%s", name, f.get("perSecond") == null
                        ? "-" : f.get("perSecond"), f.get("p50Millis"), f.get("p99Millis"),
                        orDash(f.get("statementsPerStep")), orDash(f.get("writeStatementsPerStep")),
                        orDash(f.get("platformCpuMillisPerStep")), f.get("target"), budget));
            } else {
                lines.add(String.format("%-28s %s", name, value));
            }
        });
        lines.forEach(System.out::println);
    }
}
