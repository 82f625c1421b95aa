package dev.builderdesk.ui.picker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.protocol.Model;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The picker's sections, search, keyboard and favourites, without a display. */
class ModelPickerViewModelTest {
    static final ModelChoice QWEN = new ModelChoice("q", "Qwen2.5 Coder 7B", "qwen2-5-coder-7b", "Ollama", 32768,
            true);
    static final ModelChoice LLAMA = new ModelChoice("l", "Llama 3.2", "llama-3-2", "Ollama", 8192, false);
    static final ModelChoice GPT = new ModelChoice("g", "GPT-4o mini", "gpt-4o-mini", "OpenAI", 128000, true);

    final ModelPickerViewModel model = new ModelPickerViewModel();

    static List<String> render(List<ModelPickerViewModel.Row> rows) {
        return rows.stream().map(r -> switch (r) {
            case ModelPickerViewModel.Row.Header h -> "# " + h.title();
            case ModelPickerViewModel.Row.Choice c -> c.choice().name();
        }).toList();
    }

    @Test
    void sectionsAreAutoFavouritesRecentThenProviders() {
        model.setModels(List.of(QWEN, LLAMA, GPT));
        assertThat(render(model.rows())).containsExactly("# Auto", "Auto", "# Ollama", "Qwen2.5 Coder 7B",
                "Llama 3.2", "# OpenAI", "GPT-4o mini");
        model.toggleFavourite(GPT);
        model.choose(LLAMA);
        assertThat(render(model.rows())).containsExactly("# Auto", "Auto", "# Favourites", "GPT-4o mini",
                "# Recent", "Llama 3.2", "# Ollama", "Qwen2.5 Coder 7B", "Llama 3.2", "# OpenAI", "GPT-4o mini");
        assertThat(model.selectedProperty().get()).isEqualTo(LLAMA);
    }

    @Test
    void searchIsFuzzyOverNameSlugAndProvider() {
        model.setModels(List.of(QWEN, LLAMA, GPT));
        model.queryProperty().set("coder");
        assertThat(render(model.rows())).containsExactly("Qwen2.5 Coder 7B");
        model.queryProperty().set("openai");
        assertThat(render(model.rows())).containsExactly("GPT-4o mini");
        model.queryProperty().set("q7b");
        assertThat(render(model.rows())).containsExactly("Qwen2.5 Coder 7B");
        model.queryProperty().set("zzz");
        assertThat(model.rows()).isEmpty();
    }

    @Test
    void arrowsMoveTheHighlightAndEnterChooses() {
        model.setModels(List.of(QWEN, LLAMA));
        assertThat(model.highlightedProperty().get()).isEqualTo(ModelChoice.AUTO);
        model.move(1);
        model.move(1);
        model.chooseHighlighted();
        assertThat(model.selectedProperty().get()).isEqualTo(LLAMA);
        // Llama is now listed under Recent, right below Auto.
        model.move(-1);
        model.chooseHighlighted();
        assertThat(model.selectedProperty().get()).isEqualTo(ModelChoice.AUTO);
    }

    @Test
    void cyclingGoesThroughTheFavourites() {
        model.setModels(List.of(QWEN, LLAMA, GPT));
        model.toggleFavourite(QWEN);
        model.toggleFavourite(GPT);
        model.cycleFavourite();
        assertThat(model.selectedProperty().get()).isEqualTo(QWEN);
        model.cycleFavourite();
        assertThat(model.selectedProperty().get()).isEqualTo(GPT);
        model.cycleFavourite();
        assertThat(model.selectedProperty().get()).isEqualTo(QWEN);
    }

    @Test
    void aContiguousWordStartMatchRanksFirst() {
        List<ModelChoice> ranked = ModelMatcher.filter(List.of(
                new ModelChoice("1", "Mistral Small", "ms", "Mistral", null, true),
                new ModelChoice("2", "Small Model", "sm", "Local", null, true)), "small");
        assertThat(ranked).extracting(ModelChoice::name).containsExactly("Small Model", "Mistral Small");
    }

    @Test
    void aSelectionNoLongerOfferedKeepsItsIdAndIsMarkedUnavailableUntilItReturns() {
        model.setModels(List.of(QWEN, GPT));
        model.selectedProperty().set(model.choiceFor("gone"));
        assertThat(model.selectedProperty().get().id()).as("never silently another model").isEqualTo("gone");
        assertThat(model.selectedProperty().get().name()).isEqualTo("Model (unavailable)");
        assertThat(model.selectedUnavailableProperty().get()).isTrue();
        model.setModels(List.of(QWEN, GPT, new ModelChoice("gone", "Back again", "back", "Ollama", null, true)));
        assertThat(model.selectedUnavailableProperty().get()).isFalse();
        model.choose(ModelChoice.AUTO);
        assertThat(model.selectedUnavailableProperty().get()).isFalse();
    }

    static Model model(String id, String tenant, String name, boolean active, boolean isDefault) {
        return new Model(id, tenant, name, name, null, Model.CHAT, "active", "1", Map.of(), Map.of(), active,
                isDefault, List.of(), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void autoResolvesLikeTheServerTenantDefaultThenGlobalDefaultThenFirstByName() {
        Model zed = model("1", null, "Zed", true, false);
        Model alpha = model("2", null, "Alpha", true, false);
        Model global = model("3", null, "Global default", true, true);
        Model tenant = model("4", "t", "Tenant default", true, true);
        Model inactive = model("5", "t", "Inactive default", false, true);
        assertThat(AutoResolution.resolve(List.of(zed, global, tenant, inactive))).contains(tenant);
        assertThat(AutoResolution.resolve(List.of(zed, global, inactive))).contains(global);
        assertThat(AutoResolution.resolve(List.of(zed, alpha, inactive))).contains(alpha);
        assertThat(AutoResolution.resolve(List.of(inactive))).isEmpty();
        model.setAutoTarget("Alpha");
        assertThat(model.autoHintProperty().get()).isEqualTo("uses Alpha");
        model.setAutoTarget(null);
        assertThat(model.autoHintProperty().get()).isEqualTo("no active chat model");
    }

    @Test
    void theArrowsWalkEveryRowAlsoWhenAModelIsListedInSeveralSections() {
        model.setModels(List.of(QWEN, LLAMA));
        model.toggleFavourite(QWEN);
        model.choose(QWEN);
        assertThat(render(model.rows())).containsExactly("# Auto", "Auto", "# Favourites", "Qwen2.5 Coder 7B",
                "# Recent", "Qwen2.5 Coder 7B", "# Ollama", "Qwen2.5 Coder 7B", "Llama 3.2");
        model.open();
        assertThat(model.highlightedIndexProperty().get()).as("the current model's first row").isEqualTo(3);
        List<Integer> visited = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            model.move(1);
            visited.add(model.highlightedIndexProperty().get());
        }
        assertThat(visited).as("down through the sections, wrapping past the end").containsExactly(5, 7, 8, 1, 3);
        model.move(-1);
        assertThat(model.highlightedIndexProperty().get()).isEqualTo(1);
        model.move(-1);
        assertThat(model.highlightedProperty().get()).isEqualTo(LLAMA);
        model.toggleFavourite(LLAMA);
        assertThat(model.highlightedProperty().get()).as("a rebuild keeps the highlighted model").isEqualTo(LLAMA);
    }

    @Test
    void whileSearchingTheBestMatchIsHighlighted() {
        model.setModels(List.of(QWEN, LLAMA, GPT));
        model.choose(GPT);
        model.open();
        assertThat(model.highlightedProperty().get()).isEqualTo(GPT);
        model.queryProperty().set("lla");
        assertThat(model.highlightedProperty().get()).isEqualTo(LLAMA);
        assertThat(model.highlightedIndexProperty().get()).isZero();
    }

    @Test
    void aSearchWithNoMatchSaysSoAndOffersSettingsOnceTheShellWiredIt() {
        model.setModels(List.of(QWEN));
        model.open();
        model.queryProperty().set("  zzz ");
        assertThat(model.rows()).isEmpty();
        assertThat(model.emptyMessageProperty().get()).isEqualTo("No models match 'zzz'");
        assertThat(model.highlightedIndexProperty().get()).isEqualTo(-1);
        assertThat(model.highlightedProperty().get()).isNull();
        model.chooseHighlighted();
        assertThat(model.openProperty().get()).as("Enter on nothing does nothing").isTrue();
        assertThat(model.settingsAvailableProperty().get()).isFalse();
        int[] opened = {0};
        model.onOpenSettings(() -> opened[0]++);
        assertThat(model.settingsAvailableProperty().get()).isTrue();
        model.openSettings();
        assertThat(opened[0]).isEqualTo(1);
        assertThat(model.openProperty().get()).isFalse();
        model.queryProperty().set("qwen");
        assertThat(model.emptyMessageProperty().get()).isEmpty();
    }

    @Test
    void theRowsFollowTheSelectionWhoeverSetsIt() {
        model.setModels(List.of(QWEN, LLAMA));
        List<ModelPickerViewModel.Row> before = List.copyOf(model.rows());
        int[] changes = {0};
        model.rows().addListener((javafx.collections.ListChangeListener<ModelPickerViewModel.Row>) c -> changes[0]++);
        model.selectedProperty().set(LLAMA);
        assertThat(changes[0]).as("rebuilt, so the ✓ moves").isEqualTo(1);
        assertThat(model.rows()).isEqualTo(before);
    }

    @Test
    void theTooltipNamesTheModelInFullWithItsIdAndWhatTheBadgesMean() {
        ModelChoice id = new ModelChoice("x", "accounts/fw/models/llama", "llama", "Fireworks", 131072, false,
                "accounts/fw/models/llama");
        assertThat(id.details())
                .isEqualTo("accounts/fw/models/llama\nFireworks · 131,072 tokens of context · cannot call tools");
        ModelChoice named = new ModelChoice("y", "Llama 3.1 405B", "llama-3-1-405b", "Fireworks", null, true,
                "accounts/fw/models/llama-v3p1-405b");
        assertThat(named.details())
                .isEqualTo("Llama 3.1 405B\naccounts/fw/models/llama-v3p1-405b\nFireworks");
        assertThat(QWEN.details()).as("without a provider id, the slug")
                .isEqualTo("Qwen2.5 Coder 7B\nqwen2-5-coder-7b\nOllama · 32,768 tokens of context");
    }
}
