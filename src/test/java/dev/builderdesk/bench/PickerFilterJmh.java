package dev.builderdesk.bench;

import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One keystroke in the model picker's search over 10,000 models: the query property changes, the view model
 * re-filters (fuzzy over name, slug, provider), ranks and replaces its rows. Sampled per keystroke for percentiles;
 * the queries cycle through typing "qwen coder 7b" and erasing it, so narrowing and widening both count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PickerFilterJmh {
    static final String[] FAMILIES = {"Qwen2.5 Coder", "Llama 3.1", "GPT-4.1", "Claude Sonnet", "Mistral Large",
        "DeepSeek Coder", "Gemma 2", "Phi-3", "Codestral", "StarCoder2"};
    static final String[] PROVIDERS = {"Ollama", "LM Studio", "OpenRouter", "Team endpoint", "Azure"};
    ModelPickerViewModel picker;
    List<String> keystrokes;
    int next;

    @Setup
    public void models() {
        List<ModelChoice> models = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String name = FAMILIES[i % FAMILIES.length] + " " + (1 + i % 70) + "B v" + i;
            models.add(new ModelChoice("id-" + i, name, name.toLowerCase().replace(' ', '-'),
                    PROVIDERS[i % PROVIDERS.length], 32_768, i % 7 != 0));
        }
        picker = new ModelPickerViewModel();
        picker.setModels(models);
        String typed = "qwen coder 7b";
        keystrokes = new ArrayList<>();
        for (int i = 1; i <= typed.length(); i++) {
            keystrokes.add(typed.substring(0, i));
        }
        for (int i = typed.length() - 1; i >= 0; i--) {
            keystrokes.add(typed.substring(0, i));
        }
    }

    @Benchmark
    public int keystroke() {
        picker.queryProperty().set(keystrokes.get(next));
        next = (next + 1) % keystrokes.size();
        return picker.rows().size();
    }
}
