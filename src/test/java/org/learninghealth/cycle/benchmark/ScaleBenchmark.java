package org.learninghealth.cycle.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.evidence.LocalKnowledgeSource;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.identity.TasklistFilters;
import org.learninghealth.cycle.project.CycleVariables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * On demand ({@code ./mvnw -Pbenchmark test -Dtest=ScaleBenchmark -Dlc.test.database=postgres}; without the property
 * on H2): what people wait for after one year and after ten years of a large health system ({@link ScaleData}: 2,000
 * finished projects a year, 1,000 open, 300 people), in one run. Prints median and p95 of every request a person
 * makes — each role's Tasklist filter (list and count, through the webapps' engine API with authorization on), a
 * task's form variables, the portfolio, lead times, a project's audit trail and timeline, knowledge search, an
 * evaluation of 5 years of weekly points — and the engine's evidence lookup; the same Tasklist query on a bare
 * process with as many tasks and the same grants; and table sizes before and after a history cleanup run.
 * Targets: p95 &lt; 300 ms at 10 years and at most 2&times; the 1-year figure; lead times for all years &lt; 1 s; the
 * Tasklist query at most 1.3&times; the bare one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScaleBenchmark extends ScaleData {

    static final int RUNS = Integer.getInteger("scale.runs", 30);
    /** The first figures are taken in a fresh JVM: enough warm-up that they are not the compiler's. */
    static final int WARM_UP = Integer.getInteger("scale.warmUp", 10);

    @Autowired TestRestTemplate rest;
    @Autowired FilterService filters;
    @Autowired AuthorizationService authorizations;
    @Autowired LocalKnowledgeSource localKnowledge;

    /** The figures of one size of the system: request → timing. */
    final Map<String, Map<String, Timing>> figures = new LinkedHashMap<>();

    /** {@code -Dscale.database=<JDBC URL>}: an existing ten-year database (the generator's, kept) instead of a new one. */
    static final String EXISTING = System.getProperty("scale.database");

    @org.springframework.test.context.DynamicPropertySource
    static void existingDatabase(org.springframework.test.context.DynamicPropertyRegistry registry) {
        if (EXISTING != null) {
            registry.add("spring.datasource.url", () -> EXISTING);
            registry.add("spring.datasource.username", () -> org.learninghealth.cycle.PostgresSupport.USER);
            registry.add("spring.datasource.password", () -> org.learninghealth.cycle.PostgresSupport.PASSWORD);
        }
    }

    /**
     * With {@code -Dscale.database}: only the start-up and memory figures and the cleanup run, on a database the
     * generator filled earlier (the full run's ten-year figures take half an hour to reach).
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "scale.database", matches = ".+")
    void startUpAndCleanupOnAnExistingTenYearDatabase() throws Exception {
        for (var group : List.of(Roles.PROJECT_LEADS, Roles.MANAGERS, Roles.IRB_REVIEWERS, Roles.UNIT_CHAMPIONS)) {
            List<String> into = group.equals(Roles.PROJECT_LEADS) ? leads : group.equals(Roles.MANAGERS) ? managers
                    : group.equals(Roles.IRB_REVIEWERS) ? reviewers : champions;
            identityService.createUserQuery().memberOfGroup(group).listPage(0, 2000).stream().map(u -> u.getId())
                    .filter(id -> id.matches("[a-z]+\\d{3}")).forEach(into::add);
        }
        System.out.printf(Locale.ROOT, "%nScaleBenchmark on %s: %s%n", EXISTING, tableSizes());
        startUp();
        cleanup();
    }

    @Test
    @org.junit.jupiter.api.condition.DisabledIfSystemProperty(named = "scale.database", matches = ".+")
    void oneYearAndTenYearsOfALargeHealthSystem() throws Exception {
        long start = System.nanoTime();
        people(PEOPLE);
        templates();
        long copies = System.nanoTime();
        finishedYears(1, FINISHED_PER_YEAR, NOW);
        projectNumbersPastCopies();
        long opened = System.nanoTime();
        List<String> open = openProjects(OPEN);
        long done = System.nanoTime();
        bareTasklist();
        System.out.printf(Locale.ROOT, "%nScaleBenchmark: 1 year generated in %.0f s (people and templates %.0f s, %,d copies %.0f s, %,d open projects"
                        + " through the engine %.0f s): %s%n", (System.nanoTime() - start) / 1e9, (copies - start) / 1e9, FINISHED_PER_YEAR,
                (opened - copies) / 1e9, OPEN, (done - opened) / 1e9, tableSizes());
        measure("1 year", open);

        start = System.nanoTime();
        finishedYears(9, FINISHED_PER_YEAR, NOW.minusYears(1));
        projectNumbersPastCopies();
        analyze();
        System.out.printf(Locale.ROOT, "ScaleBenchmark: 9 more years generated in %.0f s: %s%n", (System.nanoTime() - start) / 1e9, tableSizes());
        measure("10 years", open);
        report();
        try {
            startUp();
        } catch (RuntimeException | AssertionError e) {
            System.out.println("Start-up and memory: failed, " + e);
        }
        cleanup();
    }

    /** Fresh planner statistics after a bulk load, as autovacuum would gather them. */
    private void analyze() throws Exception {
        try (var db = dataSource.getConnection(); var s = db.createStatement()) {
            if (db.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
                s.execute("analyze");
            }
        }
    }

    // --- the requests ----------------------------------------------------------------------------------------------

    private void measure(String size, List<String> open) {
        ClockUtil.setCurrentTime(date(NOW));
        Map<String, Timing> timings = new LinkedHashMap<>();
        figures.put(size, timings);
        String lead = leadWithTasks();
        Map<String, String> landing = Map.of(lead, TasklistFilters.MY_TASKS, managers.get(0), TasklistFilters.TRIAGE_AND_DECISIONS,
                reviewers.get(0), TasklistFilters.OVERSIGHT_REVIEWS, champions.get(0), TasklistFilters.UNIT_ROLLOUTS, BARE_PERSON, BARE_FILTER);
        for (Map.Entry<String, String> person : landing.entrySet()) {
            Webapp session = Webapp.login(rest, person.getKey());
            String filter = filters.createFilterQuery().filterName(person.getValue()).singleResult().getId();
            String role = person.getValue();
            timings.put("Tasklist " + role + ": list", time(() -> session.post("/camunda/api/engine/engine/default/filter/" + filter
                    + "/list?firstResult=0&maxResults=15", LIST_BODY)));
            timings.put("Tasklist " + role + ": count", time(() -> session.post("/camunda/api/engine/engine/default/filter/" + filter + "/count", LIST_BODY)));
        }
        String task = taskService.createTaskQuery().taskAssignee(lead).list().get(0).getId();
        Webapp leadSession = Webapp.login(rest, lead);
        timings.put("Task form variables", time(() -> leadSession.get("/camunda/api/engine/engine/default/task/" + task + "/form-variables")));

        String manager = managers.get(0);
        timings.put("Portfolio: open projects", time(() -> api(manager, "/api/portfolio?status=open")));
        timings.put("Portfolio: filtered (ended, 4 West, by title)", time(() -> api(manager, "/api/portfolio?status=ended&unit=4%20West&sort=title")));
        timings.put("Portfolio: CSV of open projects", time(() -> api(manager, "/api/portfolio?status=open&format=csv")));
        String to = NOW.toString();
        timings.put("Lead times: last quarter", time(() -> api(manager, "/api/portfolio/lead-times?from=" + NOW.minusMonths(3) + "&to=" + to)));
        timings.put("Lead times: all years", time(() -> api(manager, "/api/portfolio/lead-times?from=" + NOW.minusYears(11) + "&to=" + to)));
        String finishedProject = templates.get(0).projectKey();
        timings.put("Audit trail of a finished project", time(() -> api(manager, "/api/cycles/" + finishedProject + "/audit")));
        timings.put("Timeline of a finished project", time(() -> api(manager, "/api/portfolio/" + finishedProject + "/timeline")));
        timings.put("Audit trail of an open project", time(() -> api(manager, "/api/cycles/" + open.get(8) + "/audit")));
        timings.put("Knowledge search", time(() -> api(lead, "/api/knowledge?q=falls%20hourly%20rounding%20night")));
        timings.put("Evaluation of 5 years of weekly points", time(() -> post(lead, "/api/evaluation/preview", fiveYearsWeekly())));
        timings.put("Evidence lookup (engine step, local records)", time(() -> localKnowledge.search("Pressure injuries on the ICU", 50)));
    }

    static final Map<String, Object> LIST_BODY = Map.of("processVariables", List.of(), "taskVariables", List.of(), "caseInstanceVariables", List.of(),
            "orQueries", List.of(), "sorting", List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc")));

    private Timing time(Supplier<?> request) {
        return Timing.of(WARM_UP, RUNS, request::get);
    }

    private String leadWithTasks() {
        return leads.stream().max(java.util.Comparator.comparingLong(l -> taskService.createTaskQuery().taskAssignee(l).count())).orElseThrow();
    }

    private String api(String user, String path) {
        ResponseEntity<String> answer = rest.withBasicAuth(user, user).getForEntity(path, String.class);
        assertThat(answer.getStatusCode()).as("%s %s", path, answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private String post(String user, String path, Object body) {
        ResponseEntity<String> answer = rest.withBasicAuth(user, user).postForEntity(path, body, String.class);
        assertThat(answer.getStatusCode()).as("%s %s", path, answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private static Map<String, Object> fiveYearsWeekly() {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int w = 0; w < 260; w++) {
            points.add(Map.of("period", TODAY.minusWeeks(260 - w).toString(), "numerator", 20.0 - (w > 52 ? 10 : 0) + w % 3, "denominator", 100.0));
        }
        return Map.of("type", "proportion", "direction", "decrease", "baselinePoints", 52, "points", points, "phases", List.of(0, 52));
    }

    // --- the bare yardstick ----------------------------------------------------------------------------------------

    static final String BARE_PERSON = "bareperson";
    static final String BARE_GROUP = "bare-managers";
    static final String BARE_FILTER = "Bare triage";

    /**
     * A bare process with one user task offered to a group, as many open tasks as the managers' filter shows, the
     * managers' grants given to that group, and a filter of the same query and columns: Camunda alone.
     */
    private void bareTasklist() {
        ClockUtil.setCurrentTime(date(NOW));
        long tasks = taskService.createTaskQuery().taskCandidateGroup(Roles.MANAGERS).includeAssignedTasks().count();
        engine.getRepositoryService().createDeployment().name(BareProcess.KEY).addModelInstance(BareProcess.KEY + ".bpmn",
                Bpmn.createExecutableProcess(BareProcess.KEY).camundaHistoryTimeToLive(180).startEvent().userTask("triage")
                        .camundaCandidateGroups(BARE_GROUP).camundaDueDate("${dueDate}").endEvent().done()).deploy();
        for (int i = 0; i < tasks; i++) {
            runtimeService.startProcessInstanceByKey(BareProcess.KEY, "BARE-" + i, Map.of(CycleVariables.PROJECT_KEY, "BARE-" + i,
                    CycleVariables.TITLE, "Bare " + i, "dueDate", date(NOW.plusDays(i % 20))));
        }
        identityService.saveGroup(identityService.newGroup(BARE_GROUP));
        ensureUser(BARE_PERSON, BARE_GROUP);
        var managersFilter = filters.createFilterQuery().filterName(TasklistFilters.TRIAGE_AND_DECISIONS).singleResult();
        var bare = filters.newTaskFilter(BARE_FILTER).setQuery(taskService.createTaskQuery().taskCandidateGroup(BARE_GROUP).includeAssignedTasks()
                .orderByDueDate().asc()).setProperties(managersFilter.getProperties());
        filters.saveFilter(bare);
        for (Authorization grant : authorizations.createAuthorizationQuery().groupIdIn(Roles.MANAGERS).list()) {
            Authorization copy = authorizations.createNewAuthorization(grant.getAuthorizationType());
            copy.setGroupId(BARE_GROUP);
            copy.setResourceType(grant.getResourceType());
            String resource = grant.getResourceId().equals(managersFilter.getId()) ? bare.getId() : grant.getResourceId();
            copy.setResourceId(resource.equals(org.learninghealth.cycle.project.LearningCycleProcess.KEY) ? BareProcess.KEY : resource);
            ((org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity) copy).setPermissions(
                    ((org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity) grant).getPermissions());
            if (authorizations.createAuthorizationQuery().groupIdIn(BARE_GROUP).resourceType(grant.getResourceType()).resourceId(copy.getResourceId()).count() == 0) {
                authorizations.saveAuthorization(copy);
            }
        }
        System.out.printf(Locale.ROOT, "  bare process: %d open tasks for %s (the managers' filter shows %d), %d grants%n",
                taskService.createTaskQuery().taskCandidateGroup(BARE_GROUP).count(), BARE_GROUP, tasks,
                authorizations.createAuthorizationQuery().groupIdIn(BARE_GROUP).count());
    }

    // --- start-up and memory ---------------------------------------------------------------------------------------

    static final int STARTS = Integer.getInteger("scale.starts", 3);

    /**
     * On the ten-year database (PostgreSQL only: a node is a JVM of its own): the app and the bare starter each started
     * {@code scale.starts} times in turn with {@code -Xmx512m}, time to ready and heap after a full collection; then
     * every one of the 300 people logs in to Tasklist on the app's node, 30 at a time, and loads the filters with their
     * counts as Tasklist does, and the heap is read again.
     */
    private void startUp() throws Exception {
        if (!(dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) || !hikari.getJdbcUrl().startsWith("jdbc:postgresql")) {
            System.out.println("Start-up and memory: on PostgreSQL only (-Dlc.test.database=postgres)");
            return;
        }
        Map<String, String> env = Map.of("SPRING_PROFILES_ACTIVE", "postgres", "LC_DB_URL", hikari.getJdbcUrl(), "LC_DB_USER", hikari.getUsername(),
                "LC_DB_PASSWORD", hikari.getPassword() == null ? "" : hikari.getPassword());
        List<String> jvm = List.of("-Xmx512m");
        double[] app = new double[STARTS];
        double[] bare = new double[STARTS];
        long appHeap = 0;
        long bareHeap = 0;
        for (int i = 0; i < STARTS; i++) {
            long start = System.nanoTime();
            try (var node = org.learninghealth.cycle.nodes.AppNode.start("scale-app", org.learninghealth.cycle.LearningCycleApplication.class, jvm, env, List.of())) {
                app[i] = (System.nanoTime() - start) / 1e6;
                appHeap = heapAfterCollection(node.pid());
                if (i == STARTS - 1) {
                    peopleLoggingIn(node, appHeap);
                }
            }
            start = System.nanoTime();
            try (var node = org.learninghealth.cycle.nodes.AppNode.start("scale-bare", org.learninghealth.bare.BareStarter.class, jvm, env,
                    List.of("--spring.config.name=bare-starter"))) {
                bare[i] = (System.nanoTime() - start) / 1e6;
                bareHeap = heapAfterCollection(node.pid());
            }
        }
        Timing a = Timing.of(app);
        Timing b = Timing.of(bare);
        System.out.printf(Locale.ROOT, "Start to ready at 10 years (-Xmx512m, %d starts each): app median %.1f s, bare starter median %.1f s, ratio %.2f"
                + " (target <= 1.5); heap after start and a full collection: app %d MB, bare %d MB%n", STARTS, a.median() / 1000, b.median() / 1000,
                a.median() / b.median(), appHeap >> 20, bareHeap >> 20);
    }

    private void peopleLoggingIn(org.learninghealth.cycle.nodes.AppNode node, long heapBefore) throws Exception {
        TestRestTemplate client = new TestRestTemplate(new org.springframework.boot.web.client.RestTemplateBuilder().rootUri(node.baseUrl()));
        List<String> everyone = new ArrayList<>(leads);
        everyone.addAll(managers);
        everyone.addAll(reviewers);
        everyone.addAll(champions);
        var errors = new java.util.concurrent.atomic.AtomicInteger();
        var firstError = new java.util.concurrent.atomic.AtomicReference<String>();
        var latencies = java.util.Collections.synchronizedList(new ArrayList<Double>());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(30);
        long start = System.nanoTime();
        for (String person : everyone) {
            pool.submit(() -> {
                try {
                    long t = System.nanoTime();
                    Webapp session = Webapp.login(client, person);
                    session.get("/camunda/api/engine/engine/default/filter?resourceType=Task&itemCount=true&firstResult=0&maxResults=2000");
                    latencies.add((System.nanoTime() - t) / 1e6);
                } catch (RuntimeException | AssertionError e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, person + ": " + e.getMessage());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (latencies.isEmpty()) {
            throw new IllegalStateException("No one could log in to Tasklist on the node: " + firstError.get());
        }
        Timing t = Timing.of(latencies.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf(Locale.ROOT, "%d people log in to Tasklist and load their filters with counts, 30 at a time, on the app (-Xmx512m): %.1f s,"
                + " login + filters median %.0f ms, p95 %.0f ms, errors %d%s; heap after a full collection %d MB (after start %d MB)%n", everyone.size(),
                seconds, t.median(), t.p95(), errors.get(), firstError.get() == null ? "" : " (first: " + firstError.get() + ")", heapAfterCollection(node.pid()) >> 20, heapBefore >> 20);
    }

    /** Used heap after a full collection, as {@code jcmd} reports it. */
    private static long heapAfterCollection(long pid) throws Exception {
        String info = "";
        for (int attempt = 0; attempt < 5; attempt++) {
            jcmd(pid, "GC.run");
            info = jcmd(pid, "GC.heap_info");
            java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
            if (used.find()) {
                return Long.parseLong(used.group(1)) * 1024;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("No heap figures from jcmd " + pid + ": " + info);
    }

    private static String jcmd(long pid, String command) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process jcmd = new ProcessBuilder(java.replaceAll("java$", "jcmd"), String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return out;
    }

    // --- history cleanup -------------------------------------------------------------------------------------------

    /** A year after now, the first year's projects are ten years gone: the cleanup runs until no history row is due. */
    private void cleanup() throws Exception {
        Map<String, Long> before = tableSizes();
        ClockUtil.setCurrentTime(date(NOW.plusYears(1)));
        long start = System.nanoTime();
        int runs = 0;
        long due;
        do {
            Job job = engine.getHistoryService().cleanUpHistoryAsync(true);
            managementService.executeJob(job.getId());
            runs++;
            due = dueForRemoval();
        } while (due > 0 && runs < 1000);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> after = tableSizes();
        System.out.printf(Locale.ROOT, "History cleanup a year after now (projects ended more than ten years before): %d runs of 500 in %.0f s%n", runs, seconds);
        System.out.printf(Locale.ROOT, "  %-22s %12s %12s%n", "table", "before", "after");
        before.forEach((table, rows) -> System.out.printf(Locale.ROOT, "  %-22s %,12d %,12d%n", table, rows, after.get(table)));
        ClockUtil.setCurrentTime(date(NOW));
    }

    private long dueForRemoval() throws java.sql.SQLException {
        long due = 0;
        try (var db = dataSource.getConnection()) {
            for (String table : HistoryCopier.CAMUNDA_TABLES) {
                try (var s = db.prepareStatement("select count(*) from " + table + " where REMOVAL_TIME_ <= ?")) {
                    s.setTimestamp(1, new java.sql.Timestamp(ClockUtil.getCurrentTime().getTime()));
                    try (var r = s.executeQuery()) {
                        r.next();
                        due += r.getLong(1);
                    }
                }
            }
        }
        return due;
    }

    // --- the report ------------------------------------------------------------------------------------------------

    private void report() {
        Map<String, Timing> one = figures.get("1 year");
        Map<String, Timing> ten = figures.get("10 years");
        System.out.printf(Locale.ROOT, "%nScaleBenchmark (%s, %,d finished projects a year, %,d open, %d people; %d runs each after %d warm-up)%n",
                database(), FINISHED_PER_YEAR, OPEN, PEOPLE, RUNS, WARM_UP);
        System.out.printf(Locale.ROOT, "  %-52s %9s %9s %9s %9s %8s  %s%n", "request", "1y p50", "1y p95", "10y p50", "10y p95", "10y/1y", "target");
        for (String request : one.keySet()) {
            Timing a = one.get(request);
            Timing b = ten.get(request);
            double limit = request.startsWith("Lead times: all") ? 1000 : 300;
            boolean met = b.p95() < limit && (request.startsWith("Lead times: all") || b.p95() <= 2 * Math.max(a.p95(), 20));
            System.out.printf(Locale.ROOT, "  %-52s %9.1f %9.1f %9.1f %9.1f %8.2f  %s%n", request, a.median(), a.p95(), b.median(), b.p95(), b.p95() / a.p95(),
                    met ? "met" : "MISSED (p95 < " + (int) limit + " ms" + (request.startsWith("Lead times: all") ? "" : ", <= 2x 1y") + ")");
        }
        for (String size : figures.keySet()) {
            Map<String, Timing> t = figures.get(size);
            for (String op : List.of("list", "count")) {
                Timing ours = t.get("Tasklist " + TasklistFilters.TRIAGE_AND_DECISIONS + ": " + op);
                Timing bare = t.get("Tasklist " + BARE_FILTER + ": " + op);
                System.out.printf(Locale.ROOT, "  %s: Tasklist %s, managers' filter / bare: median %.2f, p95 %.2f (target <= 1.3)%n", size, op,
                        ours.median() / bare.median(), ours.p95() / bare.p95());
            }
        }
    }

    private String database() {
        try (var db = dataSource.getConnection()) {
            return db.getMetaData().getDatabaseProductName();
        } catch (java.sql.SQLException e) {
            return "?";
        }
    }

    /** A person logged in to the Camunda webapps as a browser is: session cookie and CSRF token. */
    record Webapp(TestRestTemplate rest, String session, String csrf) {

        static Webapp login(TestRestTemplate rest, String user) {
            ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("username", user);
            form.add("password", user);
            HttpHeaders headers = headers(MediaType.APPLICATION_FORM_URLENCODED, cookie(page, "XSRF-TOKEN"), cookie(page, "SESSION"));
            ResponseEntity<String> in = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST, new HttpEntity<>(form, headers),
                    String.class);
            assertThat(in.getStatusCode()).as("login of %s: %s", user, in.getBody()).isEqualTo(HttpStatus.OK);
            String session = cookie(in, "SESSION");
            HttpHeaders again = new HttpHeaders();
            again.add(HttpHeaders.COOKIE, "SESSION=" + session);
            ResponseEntity<String> next = rest.exchange("/camunda/app/tasklist/default/", HttpMethod.GET, new HttpEntity<>(again), String.class);
            String csrf = cookie(next, "XSRF-TOKEN") == null ? cookie(page, "XSRF-TOKEN") : cookie(next, "XSRF-TOKEN");
            return new Webapp(rest, session, csrf);
        }

        /** As Tasklist asks for a filter's list: in HAL, with the columns' variables embedded. */
        JsonNode post(String path, Object body) {
            HttpHeaders headers = headers(MediaType.APPLICATION_JSON, csrf, session);
            headers.setAccept(List.of(MediaType.valueOf(path.endsWith("/count") ? "application/json" : "application/hal+json")));
            ResponseEntity<JsonNode> answer = rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
            assertThat(answer.getStatusCode()).as("%s %s", path, answer.getBody()).isEqualTo(HttpStatus.OK);
            return answer.getBody();
        }

        JsonNode get(String path) {
            ResponseEntity<JsonNode> answer = rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(MediaType.APPLICATION_JSON, csrf, session)),
                    JsonNode.class);
            assertThat(answer.getStatusCode()).as("%s %s", path, answer.getBody()).isEqualTo(HttpStatus.OK);
            return answer.getBody();
        }

        private static HttpHeaders headers(MediaType type, String token, String session) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(type);
            headers.add("X-XSRF-TOKEN", token);
            headers.add(HttpHeaders.COOKIE, "XSRF-TOKEN=" + token + (session == null ? "" : "; SESSION=" + session));
            return headers;
        }

        private static String cookie(ResponseEntity<?> response, String name) {
            List<String> cookies = response.getHeaders().get(HttpHeaders.SET_COOKIE);
            return cookies == null ? null : cookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                    .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElse(null);
        }
    }
}
