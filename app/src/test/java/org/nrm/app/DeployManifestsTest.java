package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.operations.OperationsMeters;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The production deployment ({@code deploy/}) agrees with the application: every manifest and the compose file are
 * well-formed; every Deployment has probes on the platform's health groups, resources and a non-root, read-only
 * security context; image user, port and paths match the application's configuration; the alert rules and the
 * dashboard name only meters that this running instance really exposes; every alert has a runbook in the operations
 * guide; the PrometheusRule carries the same rules as the compose Prometheus.
 */
class DeployManifestsTest extends PlatformTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ManagementService management;

    @Autowired
    TaskService tasks;

    @Autowired
    OperationsMeters meters;

    @Autowired
    ConsistencyChecker checker;

    @Test
    void every_manifest_and_the_compose_file_are_well_formed_yaml() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).extracting(p -> DEPLOY.relativize(p).toString().replace('\\', '/'))
                .contains("compose/compose.yaml", "k8s/base/deployment.yaml", "k8s/base/postgres-cluster.yaml",
                        "k8s/overlays/production/kustomization.yaml", "monitoring/prometheus/alerts.yml");
        for (Path file : files) {
            List<Object> documents = documents(file);
            assertThat(documents).as(file.toString()).isNotEmpty().doesNotContainNull();
        }
        JsonNode dashboard = JSON.readTree(DEPLOY.resolve("monitoring/grafana/dashboards/nrm-platform.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(10);
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_deployment_has_probes_on_the_health_groups_resources_and_a_non_root_read_only_context()
            throws IOException {
        int port = (Integer) ((Map<String, Object>) applicationYaml().get("server")).get("port");
        List<Map<String, Object>> deployments = kind("Deployment");
        assertThat(deployments).isNotEmpty();
        for (Map<String, Object> deployment : deployments) {
            Map<String, Object> spec = map(deployment, "spec");
            assertThat((Integer) spec.get("replicas")).as("replicas").isGreaterThanOrEqualTo(2);
            Map<String, Object> pod = map(map(spec, "template"), "spec");
            Map<String, Object> podSecurity = map(pod, "securityContext");
            assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
            assertThat(podSecurity.get("runAsUser")).isEqualTo(dockerfileUser());
            for (Map<String, Object> container : (List<Map<String, Object>>) pod.get("containers")) {
                String name = (String) container.get("name");
                Map<String, Object> ports = ((List<Map<String, Object>>) container.get("ports")).get(0);
                assertThat(ports.get("containerPort")).as(name + " port").isEqualTo(port).isEqualTo(dockerfilePort());
                assertThat(probe(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
                assertThat(probe(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
                assertThat(probe(container, "startupProbe")).isEqualTo("/actuator/health/liveness");
                Map<String, Object> resources = map(container, "resources");
                assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
                assertThat(map(resources, "limits")).containsKey("memory");
                Map<String, Object> security = map(container, "securityContext");
                assertThat(security).containsEntry("runAsNonRoot", true).containsEntry("readOnlyRootFilesystem", true)
                        .containsEntry("allowPrivilegeEscalation", false);
                // a read-only root needs a writable /tmp
                assertThat((List<Map<String, Object>>) container.get("volumeMounts"))
                        .anySatisfy(mount -> assertThat(mount.get("mountPath")).isEqualTo("/tmp"));
            }
            // graceful shutdown has time to finish: longer than the phases of spring.lifecycle
            assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(30);
        }
        assertThat(kind("PodDisruptionBudget")).isNotEmpty();
        assertThat(kind("NetworkPolicy")).isNotEmpty();
        assertThat(kind("ServiceMonitor")).singleElement().satisfies(monitor -> assertThat(
                ((List<Map<String, Object>>) map(monitor, "spec").get("endpoints")).get(0).get("path"))
                .isEqualTo("/actuator/prometheus"));
        Map<String, Object> database = kind("Cluster").get(0);
        Map<String, Object> cluster = map(database, "spec");
        assertThat(cluster.get("instances")).isEqualTo(3);
        assertThat(map(map(cluster, "postgresql"), "synchronous")).containsEntry("number", 1);
        assertThat(map(map(cluster, "postgresql"), "parameters")).containsEntry("fsync", "on");
        assertThat(map(cluster, "backup")).containsKey("barmanObjectStore");
        assertThat(kind("ScheduledBackup")).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_compose_installation_runs_two_read_only_replicas_on_a_durable_postgresql() throws IOException {
        Map<String, Object> compose = (Map<String, Object>) documents(DEPLOY.resolve("compose/compose.yaml")).get(0);
        Map<String, Object> services = map(compose, "services");
        List<Map<String, Object>> platform = services.values().stream().map(s -> (Map<String, Object>) s)
                .filter(s -> String.valueOf(s.get("image")).contains("nrm-platform")).toList();
        assertThat(platform).hasSizeGreaterThanOrEqualTo(2).allSatisfy(service -> {
            assertThat(service.get("read_only")).isEqualTo(true);
            assertThat(service.get("user")).isEqualTo(String.valueOf(dockerfileUser()));
            assertThat((Map<String, Object>) service.get("environment")).containsKeys("SPRING_DATASOURCE_URL",
                    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", "NRM_SECURITY_OIDC_AUDIENCE",
                    "NRM_PROTECTION_MASTER_KEY", "NRM_METRICS_SCRAPER_PASSWORD");
        });
        List<String> postgres = (List<String>) map(services, "db").get("command");
        assertThat(postgres).contains("fsync=on", "synchronous_commit=on").doesNotContain("fsync=off");
        assertThat(services).containsKeys("proxy", "keycloak", "prometheus", "grafana");
        // the replicas believe X-Forwarded-For from the proxy's fixed address and from nobody else
        String proxyAddress = String.valueOf(map(map(map(services, "proxy"), "networks"), "default")
                .get("ipv4_address"));
        assertThat(platform).allSatisfy(service -> assertThat(proxyAddress).matches(String.valueOf(
                ((Map<String, Object>) service.get("environment")).get("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES"))));
        assertThat(platform).allSatisfy(service -> assertThat("10.0.0.9").doesNotMatch(String.valueOf(
                ((Map<String, Object>) service.get("environment")).get("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES"))));
        // every file the compose installation mounts is in the repository (secrets and certificates excepted)
        for (Object service : services.values()) {
            for (Object volume : (List<Object>) ((Map<String, Object>) service).getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".") && !source.contains("tls") && !source.contains("scraper-password")) {
                    assertThat(DEPLOY.resolve("compose").resolve(source)).as(source).exists();
                }
            }
        }
        JsonNode realm = JSON.readTree(DEPLOY.resolve("compose/keycloak/nrm-realm.json").toFile());
        Set<String> claims = new LinkedHashSet<>();
        realm.path("clients").get(0).path("protocolMappers")
                .forEach(m -> claims.add(m.path("config").path("claim.name").asText()));
        assertThat(claims).contains("agency", "nrm_role");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_alerts_and_the_dashboard_name_meters_this_instance_exposes_and_every_alert_has_a_runbook()
            throws Exception {
        String metrics = metricsWithEveryMeterPresent();
        Map<String, Object> alerts = (Map<String, Object>) documents(
                DEPLOY.resolve("monitoring/prometheus/alerts.yml")).get(0);
        Map<String, Object> rule = kind("PrometheusRule").get(0);
        assertThat(map(rule, "spec").get("groups")).as("PrometheusRule = alerts.yml").isEqualTo(alerts.get("groups"));

        String guide = Files.readString(DEPLOY.resolve("docs/operations.md"));
        Set<String> anchors = new LinkedHashSet<>();
        Matcher heading = Pattern.compile("^#+ (.+)$", Pattern.MULTILINE).matcher(guide);
        while (heading.find()) {
            anchors.add(heading.group(1).strip().toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
        }
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) alerts.get("groups")) {
            for (Map<String, Object> alert : (List<Map<String, Object>>) group.get("rules")) {
                String name = (String) alert.get("alert");
                String runbook = (String) map(alert, "annotations").get("runbook_url");
                assertThat(runbook).as(name).startsWith("deploy/docs/operations.md#");
                assertThat(anchors).as(name + " runbook").contains(runbook.substring(runbook.indexOf('#') + 1));
                assertThat(map(alert, "labels")).as(name).containsKey("severity");
                expressions.add((String) alert.get("expr"));
            }
        }
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
        JsonNode dashboard = JSON.readTree(DEPLOY.resolve("monitoring/grafana/dashboards/nrm-platform.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }
        Set<String> named = new LinkedHashSet<>();
        for (String expression : expressions) {
            Matcher metric = Pattern.compile("\\b((?:nrm|http|jvm|hikaricp|process)_[a-z0-9_]+)").matcher(expression);
            while (metric.find()) {
                named.add(metric.group(1));
            }
        }
        assertThat(named).contains("nrm_tasks_overdue", "nrm_deadline_breaches_total", "nrm_processor_lag_events",
                "nrm_processor_dead_letters", "nrm_engine_incidents", "nrm_consistency_findings", "nrm_node_ready",
                "nrm_decision_duration_seconds_bucket", "nrm_referrals_total", "nrm_shelter_occupied");
        for (String name : named) {
            assertThat(Pattern.compile("^" + name + "[{ ]", Pattern.MULTILINE).matcher(metrics).find())
                    .as(name + " is exposed at /actuator/prometheus").isTrue();
        }
    }

    /**
     * A scrape after each kind of step has happened once: a referral, a decision, a deadline breach (its timer fired
     * now), a full consistency check, the meters refreshed.
     */
    private String metricsWithEveryMeterPresent() throws Exception {
        Api.Response referral = as("police").post("/api/referrals", referralOfAdult());
        assertThat(referral.status()).as(referral.toString()).isEqualTo(201);
        String caseId = referral.body().get("caseId").asText();
        String taskId = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            var task = tasks.createTaskQuery().processInstanceBusinessKey(caseId)
                    .taskDefinitionKey("reasonable-grounds-decision").singleResult();
            return task == null ? null : task.getId();
        }, java.util.Objects::nonNull);
        String processInstance = tasks.createTaskQuery().taskId(taskId).singleResult().getProcessInstanceId();
        Job timer = management.createJobQuery().processInstanceId(processInstance).timers().activityId("rg-deadline")
                .singleResult();
        management.setJobDuedate(timer.getId(), new Date(System.currentTimeMillis() - 1_000));
        management.executeJob(timer.getId());
        Api.Response decision = as("competent-authority").post("/api/tasks/" + taskId + "/complete",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        assertThat(decision.status()).as(decision.toString()).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM case_view WHERE case_id = ?", Integer.class, caseId) == 1);
        checker.checkAll();
        meters.refresh();
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "admin:demo".getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        return scrape.body();
    }

    private static String probe(Map<String, Object> container, String kind) {
        return String.valueOf(map(map(container, kind), "httpGet").get("path"));
    }

    private static int dockerfileUser() throws IOException {
        Matcher user = Pattern.compile("^USER (\\d+)$", Pattern.MULTILINE).matcher(dockerfile());
        assertThat(user.find()).as("Dockerfile runs as a numeric non-root user").isTrue();
        int uid = Integer.parseInt(user.group(1));
        assertThat(uid).isPositive();
        return uid;
    }

    private static int dockerfilePort() throws IOException {
        Matcher expose = Pattern.compile("^EXPOSE (\\d+)$", Pattern.MULTILINE).matcher(dockerfile());
        assertThat(expose.find()).isTrue();
        return Integer.parseInt(expose.group(1));
    }

    private static String dockerfile() throws IOException {
        return Files.readString(DEPLOY.resolve("image/Dockerfile"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> applicationYaml() throws IOException {
        return (Map<String, Object>) documents(Path.of("src/main/resources/application.yml")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> kind(String kind) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Path file : yamlFiles()) {
            if (!file.toString().contains("k8s")) {
                continue;
            }
            for (Object document : documents(file)) {
                if (document instanceof Map<?, ?> map && kind.equals(map.get("kind"))) {
                    out.add((Map<String, Object>) map);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static List<Object> documents(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Object> out = new ArrayList<>();
        new Yaml(options).loadAll(Files.readString(file)).forEach(out::add);
        return out;
    }
}
