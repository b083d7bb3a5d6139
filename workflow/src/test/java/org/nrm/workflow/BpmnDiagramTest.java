package org.nrm.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Group;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each model carries a whole diagram, as Cockpit draws it: a shape for every flow node (inside its sub-process, a
 * boundary event on its task), an edge with at least two waypoints for every sequence flow, shapes that do not
 * overlap, and a name on every event and on every gateway that decides (a parallel split asks nothing). The diagram comes from {@code workflow/tools/layout-bpmn.mjs};
 * {@code BpmnLintTest} runs bpmnlint and checks that the committed diagram is the one the script draws.
 */
class BpmnDiagramTest {

    private static BpmnModelInstance model(String file) throws Exception {
        try (InputStream in = BpmnDiagramTest.class.getResourceAsStream("/bpmn/" + file)) {
            assertThat(in).as(file).isNotNull();
            return Bpmn.readModelFromStream(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"national-referral-mechanism.bpmn", "domain-event-correlation.bpmn", "public-report-triage.bpmn",
            "returning-national.bpmn"})
    void everyFlowNodeHasAShapeAndEveryFlowAnEdge(String file) throws Exception {
        BpmnModelInstance model = model(file);
        Set<String> shaped = new HashSet<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            shaped.add(shape.getBpmnElement().getId());
        }
        Set<String> edged = new HashSet<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            assertThat(edge.getWaypoints()).as(edge.getId()).hasSizeGreaterThanOrEqualTo(2);
            edged.add(edge.getBpmnElement().getId());
        }
        List<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId).toList();
        List<String> flows = model.getModelElementsByType(SequenceFlow.class).stream().map(SequenceFlow::getId).toList();
        assertThat(nodes).isNotEmpty();
        assertThat(shaped).as("flow nodes without a shape").containsAll(nodes);
        assertThat(edged).as("sequence flows without an edge").containsAll(flows);
    }

    @ParameterizedTest
    @ValueSource(strings = {"national-referral-mechanism.bpmn", "domain-event-correlation.bpmn", "public-report-triage.bpmn",
            "returning-national.bpmn"})
    void shapesDoNotOverlapAndSitInsideTheirSubProcess(String file) throws Exception {
        BpmnModelInstance model = model(file);
        List<BpmnShape> shapes = new ArrayList<>(model.getModelElementsByType(BpmnShape.class).stream()
                .filter(shape -> shape.getBpmnElement() instanceof FlowNode).toList());
        for (BpmnShape shape : shapes) {
            FlowNode node = (FlowNode) shape.getBpmnElement();
            if (node.getParentElement() instanceof SubProcess parent) {
                Bounds outer = shapeOf(shapes, parent.getId()).getBounds();
                assertThat(inside(shape.getBounds(), outer)).as(node.getId() + " inside " + parent.getId()).isTrue();
            }
            if (node instanceof BoundaryEvent boundary) {
                Bounds host = shapeOf(shapes, boundary.getAttachedTo().getId()).getBounds();
                assertThat(overlap(shape.getBounds(), host)).as(node.getId() + " on its task").isTrue();
            }
        }
        for (int i = 0; i < shapes.size(); i++) {
            for (int j = i + 1; j < shapes.size(); j++) {
                FlowNode a = (FlowNode) shapes.get(i).getBpmnElement();
                FlowNode b = (FlowNode) shapes.get(j).getBpmnElement();
                if (related(a, b)) {
                    continue;
                }
                assertThat(overlap(shapes.get(i).getBounds(), shapes.get(j).getBounds()))
                        .as(a.getId() + " overlaps " + b.getId()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"national-referral-mechanism.bpmn", "domain-event-correlation.bpmn", "public-report-triage.bpmn",
            "returning-national.bpmn"})
    void everyEventAndEveryDecidingGatewayIsNamed(String file) throws Exception {
        BpmnModelInstance model = model(file);
        for (Event event : model.getModelElementsByType(Event.class)) {
            assertThat(event.getName()).as(event.getId()).isNotBlank();
        }
        for (Gateway gateway : model.getModelElementsByType(Gateway.class)) {
            if (gateway.getOutgoing().size() > 1 && !(gateway instanceof ParallelGateway)) {
                assertThat(gateway.getName()).as(gateway.getId()).isNotBlank();
            }
        }
    }

    /**
     * The mechanism's diagram is grouped by stage (groups written by the layout script from its stage table): each
     * group has a stage's name (its category value) drawn as its label, the groups do not overlap, each holds some of
     * the process, and every flow node (inside a sub-process too) lies within exactly one group.
     */
    @Test
    void theMechanismsDiagramGroupsEveryFlowNodeIntoExactlyOneNamedStage() throws Exception {
        BpmnModelInstance model = model("national-referral-mechanism.bpmn");
        List<BpmnShape> all = new ArrayList<>(model.getModelElementsByType(BpmnShape.class));
        List<Group> groups = new ArrayList<>(model.getModelElementsByType(Group.class));
        assertThat(groups).as("one group per stage").hasSizeGreaterThanOrEqualTo(5);
        Set<String> names = new HashSet<>();
        List<BpmnShape> groupShapes = new ArrayList<>();
        for (Group group : groups) {
            assertThat(group.getCategory()).as(group.getId() + " has a category value").isNotNull();
            assertThat(group.getCategory().getValue()).as(group.getId() + " is named").isNotBlank();
            names.add(group.getCategory().getValue());
            BpmnShape shape = shapeOf(all, group.getId());
            assertThat(shape.getBpmnLabel()).as(group.getId() + " has its label drawn").isNotNull();
            Bounds label = shape.getBpmnLabel().getBounds();
            assertThat(label.getWidth()).as(group.getId() + " label").isPositive();
            assertThat(inside(label, shape.getBounds())).as(group.getId() + " label inside its group").isTrue();
            groupShapes.add(shape);
        }
        assertThat(names).as("each stage named once").hasSize(groups.size());
        for (int i = 0; i < groupShapes.size(); i++) {
            for (int j = i + 1; j < groupShapes.size(); j++) {
                assertThat(overlap(groupShapes.get(i).getBounds(), groupShapes.get(j).getBounds()))
                        .as(groupShapes.get(i).getBpmnElement().getId() + " overlaps "
                                + groupShapes.get(j).getBpmnElement().getId()).isFalse();
            }
        }
        Set<String> used = new HashSet<>();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            Bounds bounds = shapeOf(all, node.getId()).getBounds();
            List<String> within = groupShapes.stream().filter(g -> inside(bounds, g.getBounds()))
                    .map(g -> g.getBpmnElement().getId()).toList();
            assertThat(within).as(node.getId() + " lies within exactly one stage's group").hasSize(1);
            used.addAll(within);
        }
        assertThat(used).as("every group holds part of the process").hasSize(groups.size());
    }

    /** A sub-process and what is in it, or a task and its boundary event, overlap by design. */
    private static boolean related(FlowNode a, FlowNode b) {
        return contains(a, b) || contains(b, a)
                || a instanceof BoundaryEvent ba && ba.getAttachedTo() == b
                || b instanceof BoundaryEvent bb && bb.getAttachedTo() == a;
    }

    private static boolean contains(FlowNode outer, FlowNode inner) {
        for (var parent = inner.getParentElement(); parent != null; parent = parent.getParentElement()) {
            if (parent == outer) {
                return true;
            }
        }
        return false;
    }

    private static BpmnShape shapeOf(List<BpmnShape> shapes, String id) {
        return shapes.stream().filter(s -> s.getBpmnElement().getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no shape for " + id));
    }

    private static boolean inside(Bounds inner, Bounds outer) {
        return inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
                && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
                && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
    }

    private static boolean overlap(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }
}
