package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.partners.PatientInterpretationProcess;
import org.learninghealth.cycle.partners.PatientReviewProcess;
import org.learninghealth.cycle.project.CycleVariables;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.amendment.AmendmentProcess;
import org.learninghealth.cycle.closure.ClosureProcess;
import org.learninghealth.cycle.closure.ClosureService;
import org.learninghealth.cycle.continuingreview.ContinuingReviewProcess;
import org.learninghealth.cycle.continuingreview.ContinuingReviewService;
import org.learninghealth.cycle.reportable.SuspensionProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.learninghealth.cycle.spread.SpreadProcess;
import org.learninghealth.cycle.spread.SpreadRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Guards the models the way a message-bundle sync test guards translations. */
class ModelConsistencyTest extends CycleTestSupport {

    static final List<String> MODELS = List.of("learning-cycle.bpmn", "oversight-review.bpmn", "unit-rollout.bpmn", "patient-review.bpmn",
            "patient-interpretation.bpmn", "spread.bpmn", "closure.bpmn", "continuing-review.bpmn", "suspension.bpmn", "amendment.bpmn");
    static final List<String> DECISIONS = List.of("oversight-pathway.dmn", "adoption-recommendation.dmn");
    static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.'\"])([a-zA-Z_]\\w*)(?![\\w'\"(])");

    @Autowired RepositoryService repositoryService;
    @Autowired ApplicationContext context;

    static BpmnModelInstance model(String name) {
        try (InputStream in = Files.newInputStream(Path.of("processes", name))) {
            return Bpmn.readModelFromStream(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, JsonNode> forms() throws IOException {
        Map<String, JsonNode> forms = new HashMap<>();
        try (Stream<Path> files = Files.list(Path.of("forms"))) {
            for (Path file : files.toList()) {
                JsonNode form = new ObjectMapper().readTree(file.toFile());
                forms.put(form.get("id").asText(), form);
                assertThat(file.getFileName().toString()).as("file name of form %s", form.get("id").asText())
                        .isEqualTo(form.get("id").asText() + ".form");
            }
        }
        return forms;
    }

    private static void keys(JsonNode component, Set<String> keys) {
        if (component.has("key")) {
            keys.add(component.get("key").asText());
        }
        if (component.has("components")) {
            component.get("components").forEach(c -> keys(c, keys));
        }
    }

    @Test
    void everyFormAModelReferencesIsDeployedWithIt() throws IOException {
        ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(LearningCycleProcess.KEY)
                .latestVersion().singleResult();
        Set<String> deployedForms = new HashSet<>();
        for (String resource : repositoryService.getDeploymentResourceNames(definition.getDeploymentId())) {
            if (resource.endsWith(".form")) {
                try (InputStream in = repositoryService.getResourceAsStream(definition.getDeploymentId(), resource)) {
                    deployedForms.add(new ObjectMapper().readTree(in).get("id").asText());
                }
            }
        }
        Set<String> referenced = new TreeSet<>();
        for (String name : MODELS) {
            for (FlowNode node : model(name).getModelElementsByType(FlowNode.class)) {
                String formRef = node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
                if (formRef != null) {
                    referenced.add(formRef);
                    assertThat(node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRefBinding")).as(node.getId()).isEqualTo("deployment");
                }
            }
            for (UserTask task : model(name).getModelElementsByType(UserTask.class)) {
                assertThat(task.getCamundaFormRef()).as("form of user task %s", task.getId()).isNotNull();
            }
        }
        assertThat(deployedForms).containsAll(referenced);
        assertThat(forms().keySet()).containsExactlyInAnyOrderElementsOf(referenced);
    }

    @Test
    void everyDelegateExpressionResolvesToABeanOfTheRightKind() {
        for (String name : MODELS) {
            BpmnModelInstance model = model(name);
            for (ModelElementInstance element : model.getModelElementsByType(model.getModel().getType(org.camunda.bpm.model.bpmn.instance.BaseElement.class))) {
                String delegate = element.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "delegateExpression");
                if (delegate != null) {
                    assertThat(context.getBean(beanName(delegate))).as("%s of %s", delegate, name).isInstanceOfAny(JavaDelegate.class, ExecutionListener.class);
                }
                assertThat(element.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "class")).as("camunda:class in %s", name).isNull();
            }
            for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
                assertThat(context.getBean(beanName(listener.getCamundaDelegateExpression()))).isInstanceOf(TaskListener.class);
            }
            for (var listener : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener.class)) {
                assertThat(context.getBean(beanName(listener.getCamundaDelegateExpression()))).isInstanceOf(ExecutionListener.class);
            }
        }
    }

    private static String beanName(String expression) {
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(expression);
        assertThat(m.matches()).as("delegate expression %s names a bean", expression).isTrue();
        return m.group(1);
    }

    @Test
    void gatesAreGuardedBySeparationOfDuties() {
        BpmnModelInstance cycle = model("learning-cycle.bpmn");
        for (String gate : List.of(LearningCycleProcess.TASK_TRIAGE, LearningCycleProcess.TASK_DECIDE, LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT)) {
            assertThat(listeners(cycle.getModelElementById(gate))).as(gate).contains("${separationOfDuties}");
        }
        assertThat(listeners(model("closure.bpmn").getModelElementById(ClosureProcess.TASK_ACKNOWLEDGE))).contains("${separationOfDuties}");
        assertThat(listeners(model("continuing-review.bpmn").getModelElementById(ContinuingReviewProcess.TASK_REVIEW))).contains("${separationOfDuties}");
        assertThat(listeners(model("suspension.bpmn").getModelElementById(SuspensionProcess.TASK_DECIDE))).contains("${separationOfDuties}");
        BpmnModelInstance review = model("oversight-review.bpmn");
        for (String gate : List.of(OversightReviewProcess.TASK_REVIEW_PLAN, OversightReviewProcess.TASK_EXPEDITED_REVIEW, OversightReviewProcess.TASK_FULL_BOARD_REVIEW)) {
            assertThat(listeners(review.getModelElementById(gate))).as(gate).contains("${oversightVoteRecorder}");
        }
    }

    private static List<String> listeners(UserTask task) {
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                .map(CamundaTaskListener::getCamundaDelegateExpression).toList();
    }

    @Test
    void everyModelAndDecisionHasAHistoryTimeToLive() {
        for (String key : List.of(LearningCycleProcess.KEY, OversightReviewProcess.KEY, UnitRolloutProcess.KEY, PatientReviewProcess.KEY,
                PatientInterpretationProcess.KEY, SpreadProcess.KEY, ClosureProcess.KEY, ContinuingReviewProcess.KEY, SuspensionProcess.KEY, AmendmentProcess.KEY)) {
            assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult()
                    .getHistoryTimeToLive()).as(key).isNotNull().isPositive();
        }
        for (String key : List.of("oversight-pathway", "adoption-recommendation")) {
            assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult()
                    .getHistoryTimeToLive()).as(key).isNotNull().isPositive();
        }
    }

    @Test
    void everyAsynchronousStepAndTimerHasARetryCycle() {
        List<String> without = new ArrayList<>();
        for (String name : MODELS) {
            for (FlowNode node : model(name).getModelElementsByType(FlowNode.class)) {
                boolean async = node.isCamundaAsyncBefore() || node.isCamundaAsyncAfter();
                boolean timer = node instanceof org.camunda.bpm.model.bpmn.instance.CatchEvent catchEvent
                        && catchEvent.getEventDefinitions().stream().anyMatch(d -> d instanceof org.camunda.bpm.model.bpmn.instance.TimerEventDefinition);
                if ((async || timer) && (node.getExtensionElements() == null || node.getExtensionElements().getElementsQuery()
                        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class).count() == 0)) {
                    without.add(name + "#" + node.getId());
                }
            }
        }
        assertThat(without).as("jobs that would fail straight into an incident, or retry at once without a pause").isEmpty();
    }

    @Test
    void everyFlowNodeHasAShapeAndEveryFlowAnEdge() {
        for (String name : MODELS) {
            BpmnModelInstance model = model(name);
            Set<String> shaped = new HashSet<>();
            model.getModelElementsByType(BpmnShape.class).forEach(s -> shaped.add(s.getBpmnElement().getId()));
            model.getModelElementsByType(BpmnEdge.class).forEach(e -> shaped.add(e.getBpmnElement().getId()));
            model.getModelElementsByType(FlowNode.class).forEach(n -> assertThat(shaped).as("shape of %s in %s", n.getId(), name).contains(n.getId()));
            model.getModelElementsByType(SequenceFlow.class).forEach(f -> assertThat(shaped).as("edge of %s in %s", f.getId(), name).contains(f.getId()));
        }
    }

    @Test
    void everyFlowNodeNamesItsIncomingAndOutgoingFlowsAsModelerWritesThem() {
        // BPMN 2.0 asks for them (BPMNspector EXT.023); without them bpmnlint reads every element as disconnected
        for (String name : MODELS) {
            BpmnModelInstance model = model(name);
            Collection<SequenceFlow> flows = model.getModelElementsByType(SequenceFlow.class);
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                assertThat(node.getIncoming()).extracting(SequenceFlow::getId).as("incoming of %s in %s", node.getId(), name)
                        .containsExactlyInAnyOrderElementsOf(flows.stream().filter(f -> f.getTarget() == node).map(SequenceFlow::getId).toList());
                assertThat(node.getOutgoing()).extracting(SequenceFlow::getId).as("outgoing of %s in %s", node.getId(), name)
                        .containsExactlyInAnyOrderElementsOf(flows.stream().filter(f -> f.getSource() == node).map(SequenceFlow::getId).toList());
            }
        }
    }

    @Test
    void diagramsHaveNoOverlappingShapesAndNoEdgeThroughAShape() {
        List<String> problems = new ArrayList<>();
        int segmentsChecked = 0;
        // each diagram plane on its own: a collapsed subprocess draws its contents on a plane of its own
        for (String name : MODELS) {
            for (var plane : model(name).getModelElementsByType(org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane.class)) {
                Map<String, Rectangle2D> nodes = new HashMap<>();
                Map<String, String> attachedTo = new HashMap<>();
                Set<String> containers = new HashSet<>();
                for (BpmnShape shape : plane.getChildElementsByType(BpmnShape.class)) {
                    if (shape.getBpmnElement() instanceof FlowNode node) {
                        Bounds b = shape.getBounds();
                        nodes.put(node.getId(), new Rectangle2D.Double(b.getX(), b.getY(), b.getWidth(), b.getHeight()));
                        if (node instanceof SubProcess) {
                            containers.add(node.getId());
                        }
                        if (node instanceof BoundaryEvent boundary) {
                            attachedTo.put(node.getId(), boundary.getAttachedTo().getId());
                        }
                    }
                }
                List<String> ids = new ArrayList<>(nodes.keySet());
                for (int i = 0; i < ids.size(); i++) {
                    for (int j = i + 1; j < ids.size(); j++) {
                        String a = ids.get(i), b = ids.get(j);
                        Rectangle2D ra = nodes.get(a), rb = nodes.get(b);
                        boolean nested = ra.contains(rb) || rb.contains(ra);
                        boolean attached = b.equals(attachedTo.get(a)) || a.equals(attachedTo.get(b));
                        if (!nested && !attached && ra.intersects(rb)) {
                            problems.add(name + ": " + a + " overlaps " + b);
                        }
                    }
                }
                for (BpmnEdge edge : plane.getChildElementsByType(BpmnEdge.class)) {
                    SequenceFlow flow = (SequenceFlow) edge.getBpmnElement();
                    List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
                    for (int k = 0; k + 1 < points.size(); k++) {
                        segmentsChecked++;
                        Line2D segment = new Line2D.Double(points.get(k).getX(), points.get(k).getY(), points.get(k + 1).getX(), points.get(k + 1).getY());
                        for (var node : nodes.entrySet()) {
                            String id = node.getKey();
                            if (id.equals(flow.getSource().getId()) || id.equals(flow.getTarget().getId()) || containers.contains(id)
                                    || flow.getSource().getId().equals(attachedTo.get(id))) {
                                continue;
                            }
                            Rectangle2D r = node.getValue();
                            Rectangle2D inner = new Rectangle2D.Double(r.getX() + 2, r.getY() + 2, r.getWidth() - 4, r.getHeight() - 4);
                            if (segment.intersects(inner)) {
                                problems.add(name + ": edge " + flow.getId() + " passes through " + id);
                            }
                        }
                    }
                }
            }
        }
        assertThat(segmentsChecked).isGreaterThan(130);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyVariableAGatewayOrDelegateReadsIsWrittenBeforeByAFormAMappingOrTheCode() throws IOException {
        Set<String> written = new TreeSet<>();
        forms().values().forEach(form -> keys(form, written));
        Map<String, String> constants = variableConstants();
        String code = mainSources();
        collect(Pattern.compile("(?:setVariable|setVariableLocal|putValue)\\((?:\\w+\\.)?(\\w+)"), code, constants, written);
        written.addAll(List.of(CycleVariables.PROJECT_LEAD, "execution"));
        Set<String> read = new TreeSet<>();
        for (String name : MODELS) {
            BpmnModelInstance model = model(name);
            model.getModelElementsByType(CamundaOutputParameter.class).forEach(p -> written.add(p.getCamundaName()));
            model.getModelElementsByType(CamundaInputParameter.class).forEach(p -> written.add(p.getCamundaName()));
            model.getModelElementsByType(CamundaOut.class).forEach(p -> written.add(p.getCamundaTarget()));
            model.getModelElementsByType(CamundaIn.class).stream().filter(p -> p.getCamundaTarget() != null).forEach(p -> written.add(p.getCamundaTarget()));
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                for (String attribute : List.of("resultVariable", "elementVariable")) {
                    String value = node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", attribute);
                    if (value != null) {
                        written.add(value);
                    }
                }
            }
            model.getModelElementsByType(ConditionExpression.class).forEach(c -> identifiers(c.getTextContent(), read));
        }
        collect(Pattern.compile("getVariable(?:Local)?\\((?:\\w+\\.)?(\\w+)"), code, constants, read);
        Set<String> beans = Set.of(context.getBeanDefinitionNames());
        read.removeIf(beans::contains);
        read.removeAll(Set.of("null", "true", "false", "empty", "not", "and", "or", "eq", "ne"));
        assertThat(read).as("what the models and delegates read").contains(CycleVariables.TRIAGE_DECISION, CycleVariables.DATA_SUFFICIENT,
                CycleVariables.CYCLE_OUTCOME, CycleVariables.MEASURE_TYPE, CycleVariables.GATE_TASK, "expeditedDecision", "reviewDecision");
        assertThat(written).containsAll(read);
    }

    static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(?:#if\\s+|#loop\\s+)?([a-zA-Z_]\\w*)");

    /** The variables a form's templated text ({@code {{name}}}, {@code {{#if name ...}}}) shows. */
    private static Set<String> templated(JsonNode component) {
        Set<String> names = new TreeSet<>();
        if (component.has("text")) {
            Matcher m = TEMPLATE.matcher(component.get("text").asText());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        if (component.has("components")) {
            component.get("components").forEach(c -> names.addAll(templated(c)));
        }
        names.remove("this");
        return names;
    }

    @Test
    void everyVariableAFormShowsReachesTheProcessOfItsTask() throws IOException {
        Map<String, JsonNode> forms = forms();
        Map<String, String> constants = variableConstants();
        Set<String> setInCode = new TreeSet<>();
        collect(Pattern.compile("(?:setVariable|setVariableLocal|putValue)\\((?:\\w+\\.)?(\\w+)"), mainSources(), constants, setInCode);
        // what each called process receives from its call activities
        Map<String, Set<String>> passedIn = new HashMap<>();
        for (String name : MODELS) {
            for (org.camunda.bpm.model.bpmn.instance.CallActivity call : model(name).getModelElementsByType(org.camunda.bpm.model.bpmn.instance.CallActivity.class)) {
                Set<String> in = passedIn.computeIfAbsent(call.getCalledElement(), k -> new TreeSet<>());
                call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                        .filter(p -> p.getCamundaTarget() != null).forEach(p -> in.add(p.getCamundaTarget()));
            }
        }
        // a spread starts with the adopted plan's variables, copied at its start as a call activity would pass them in
        passedIn.computeIfAbsent(SpreadProcess.KEY, k -> new TreeSet<>()).addAll(SpreadRequest.PLAN);
        // the closure starts with the ended project's particulars, copied by the learning cycle's end event
        passedIn.computeIfAbsent(ClosureProcess.KEY, k -> new TreeSet<>()).addAll(ClosureService.PASSED_IN);
        // the approval period starts with the approved project's particulars, copied when the oversight review approves
        passedIn.computeIfAbsent(ContinuingReviewProcess.KEY, k -> new TreeSet<>()).addAll(ContinuingReviewService.PASSED_IN);
        // an amendment starts with the running plan, copied at its start as a call activity would pass it in
        passedIn.computeIfAbsent(AmendmentProcess.KEY, k -> new TreeSet<>()).addAll(AmendmentProcess.PLAN);
        List<String> missing = new ArrayList<>();
        for (String name : MODELS) {
            BpmnModelInstance model = model(name);
            String process = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).stream()
                    .filter(org.camunda.bpm.model.bpmn.instance.Process::isExecutable).findFirst().orElseThrow().getId();
            // set in code and not a field of another process's form (those must be passed in)
            Set<String> available = new TreeSet<>(setInCode);
            for (String other : MODELS) {
                if (!other.equals(name)) {
                    for (FlowNode node : model(other).getModelElementsByType(FlowNode.class)) {
                        String formRef = node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
                        if (formRef != null) {
                            Set<String> keys = new TreeSet<>();
                            keys(forms.get(formRef), keys);
                            available.removeAll(keys);
                        }
                    }
                }
            }
            available.addAll(passedIn.getOrDefault(process, Set.of()));
            model.getModelElementsByType(CamundaInputParameter.class).forEach(p -> available.add(p.getCamundaName()));
            model.getModelElementsByType(CamundaOutputParameter.class).forEach(p -> available.add(p.getCamundaName()));
            model.getModelElementsByType(CamundaOut.class).forEach(p -> available.add(p.getCamundaTarget()));
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                for (String attribute : List.of("elementVariable", "resultVariable", "initiator")) {
                    String value = node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", attribute);
                    if (value != null) {
                        available.add(value);
                    }
                }
                String formRef = node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
                if (formRef != null) {
                    keys(forms.get(formRef), available);
                }
            }
            for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
                String formRef = node.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
                if (formRef != null) {
                    for (String shown : templated(forms.get(formRef))) {
                        if (!available.contains(shown)) {
                            missing.add(formRef + " (" + name + ", " + node.getId() + ") shows " + shown);
                        }
                    }
                }
            }
        }
        assertThat(missing).as("variables shown by a form but never set in, or passed to, the process of its task").isEmpty();
    }

    private static void identifiers(String expression, Set<String> into) {
        Matcher e = EXPRESSION.matcher(expression);
        while (e.find()) {
            Matcher id = IDENTIFIER.matcher(e.group(1));
            while (id.find()) {
                into.add(id.group(1));
            }
        }
    }

    private static void collect(Pattern call, String code, Map<String, String> constants, Set<String> into) {
        Matcher m = call.matcher(code);
        while (m.find()) {
            String constant = m.group(1);
            if (constants.containsKey(constant)) {
                into.add(constants.get(constant));
            }
        }
    }

    private static Map<String, String> variableConstants() {
        Map<String, String> constants = new HashMap<>();
        for (Class<?> type : List.of(CycleVariables.class, UnitRolloutProcess.class, OversightReviewProcess.class, SpreadProcess.class, ClosureProcess.class,
                ContinuingReviewProcess.class, SuspensionProcess.class, AmendmentProcess.class)) {
            for (Field field : type.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    try {
                        constants.putIfAbsent(field.getName(), (String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return constants;
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }
}
