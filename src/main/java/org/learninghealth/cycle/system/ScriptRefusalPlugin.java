package org.learninghealth.cycle.system;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A deployed model is code: a script task, a script listener, a script condition or a script input/output runs
 * whatever it holds on the server. Unless {@code learning-cycle.security.allow-scripts} is set, a model with any of
 * them is refused when it is parsed (over REST, from Cockpit or at start-up), naming the element and its line; our own
 * models use none. Deploying stays with the administrators.
 */
@Component
public class ScriptRefusalPlugin extends AbstractProcessEnginePlugin {

    private final boolean allowScripts;

    public ScriptRefusalPlugin(@Value("${learning-cycle.security.allow-scripts:false}") boolean allowScripts) {
        this.allowScripts = allowScripts;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (allowScripts) {
            return;
        }
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(new Refusal());
        configuration.setCustomPreBPMNParseListeners(listeners);
    }

    static final class Refusal extends AbstractBpmnParseListener {

        @Override
        public void parseProcess(Element process, ProcessDefinitionEntity definition) {
            refuseScripts(process);
        }

        private static void refuseScripts(Element element) {
            String what = null;
            if ("scriptTask".equals(element.getTagName()) && BpmnParser.BPMN20_NS.equals(element.getUri())) {
                what = "script task";
            } else if ("script".equals(element.getTagName()) && (BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS.equals(element.getUri())
                    || BpmnParser.ACTIVITI_BPMN_EXTENSIONS_NS.equals(element.getUri()))) {
                what = "script (in a listener or an input/output mapping)";
            } else if (element.attribute("language") != null && element.getTagName().endsWith("Expression")) {
                what = "script " + element.getTagName();
            }
            if (what != null) {
                throw new BpmnParseException("This installation does not run scripts from models: a " + what + " is refused (line " + element.getLine()
                        + "). Use a Java delegate or an expression, or set learning-cycle.security.allow-scripts (LC_ALLOW_SCRIPTS) to true.", element);
            }
            element.elements().forEach(Refusal::refuseScripts);
        }
    }
}
