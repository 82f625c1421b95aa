package dev.builderdesk.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tool as the model sees it: name, description and a JSON schema of its arguments. */
public record ToolSpec(String name, String description, Map<String, Param> params, List<String> required) {

    /** One argument: JSON type ({@code string}, {@code integer}, {@code boolean}, {@code object}) and meaning. */
    public record Param(String type, String description) {
    }

    /** Starts a spec; parameters keep their declaration order. */
    public static Builder builder(String name, String description) {
        return new Builder(name, description);
    }

    /** The OpenAI {@code tools[]} entry: {@code {"type":"function","function":{name, description, parameters}}}. */
    public ObjectNode toOpenAiTool() {
        ObjectNode tool = Json.object();
        tool.put("type", "function");
        ObjectNode fn = tool.putObject("function");
        fn.put("name", name);
        fn.put("description", description);
        ObjectNode schema = fn.putObject("parameters");
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        params.forEach((key, p) -> props.putObject(key).put("type", p.type()).put("description", p.description()));
        var req = schema.putArray("required");
        required.forEach(req::add);
        return tool;
    }

    /** Collects parameters of a {@link ToolSpec}. */
    public static final class Builder {
        private final String name;
        private final String description;
        private final Map<String, Param> params = new LinkedHashMap<>();
        private final List<String> required = new java.util.ArrayList<>();

        private Builder(String name, String description) {
            this.name = name;
            this.description = description;
        }

        public Builder required(String param, String type, String description) {
            params.put(param, new Param(type, description));
            required.add(param);
            return this;
        }

        public Builder optional(String param, String type, String description) {
            params.put(param, new Param(type, description));
            return this;
        }

        public ToolSpec build() {
            return new ToolSpec(name, description, Map.copyOf(params), List.copyOf(required));
        }
    }
}
