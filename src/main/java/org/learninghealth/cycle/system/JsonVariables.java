package org.learninghealth.cycle.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.springframework.stereotype.Component;

/** Structured process variables as Spin JSON (never Java serialization). */
@Component
public class JsonVariables {

    private final ObjectMapper mapper;

    public JsonVariables(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public JsonValue write(Object value) {
        try {
            return SpinValues.jsonValue(mapper.writeValueAsString(value)).create();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * @param variable a Spin JSON node, a JSON string or a list/map submitted by a form; {@code null} gives {@code null}
     */
    public <T> T read(Object variable, TypeReference<T> type) {
        if (variable == null) {
            return null;
        }
        try {
            String json = variable instanceof String || variable instanceof SpinJsonNode ? variable.toString()
                    : mapper.writeValueAsString(variable);
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not the expected JSON: " + e.getOriginalMessage(), e);
        }
    }
}
