package dev.builderdesk.ui.settings;

import atlantafx.base.theme.Styles;
import dev.builderdesk.protocol.Provider;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One provider of Settings → Models: name, address and whether a key is set; Test, Discover models, Edit and
 * Remove; the state of its last test; and the inline confirmation of its removal (or the server's refusal).
 * Built once per provider and updated in place, so the focus stays where it is while the list changes.
 */
final class ProviderRowView extends VBox {
    private final ProvidersViewModel model;
    private final String id;
    private final Label title = new Label();
    private final Label detail = new Label();
    private final Button test;
    private final Button discover;
    private final Button edit;
    private final Button remove;
    private final Label status = new Label();
    private final Label removalText = new Label();
    private final Button confirm = new Button("Remove");
    private final Button cancel = new Button("Cancel");
    private final HBox removal = new HBox(10);
    private ProvidersViewModel.Item item;

    ProviderRowView(ProvidersViewModel model, ProvidersViewModel.Item item) {
        this.model = model;
        this.id = item.provider().id();
        this.test = button("Test", "settings-provider-test-" + id);
        this.discover = button("Discover models", "settings-discover-" + id);
        this.edit = button("Edit", "settings-provider-edit-" + id);
        this.remove = button("Remove", "settings-provider-remove-" + id);
        createLayout();
        wireActions();
        update(item, model.removalProperty().get());
    }

    private static Button button(String text, String nodeId) {
        Button b = new Button(text);
        b.getStyleClass().add(Styles.SMALL);
        b.setMinWidth(Control.USE_PREF_SIZE);
        b.setId(nodeId);
        return b;
    }

    private void createLayout() {
        getStyleClass().add("settings-provider");
        setId("settings-provider-" + id);
        title.getStyleClass().add("settings-row-title");
        title.setMinWidth(Control.USE_PREF_SIZE);
        title.setMaxWidth(320);
        title.setTextOverrun(OverrunStyle.ELLIPSIS);
        detail.getStyleClass().add("settings-help");
        detail.setMinWidth(0);
        detail.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox line = new HBox(10, title, detail, spacer, test, discover, edit, remove);
        line.setAlignment(Pos.CENTER_LEFT);
        status.setId("settings-provider-status-" + id);
        status.getStyleClass().add("settings-provider-status");
        status.setWrapText(true);
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        removal.setId("settings-provider-removal-" + id);
        removal.getStyleClass().add("settings-removal");
        removal.setAlignment(Pos.CENTER_LEFT);
        removalText.setWrapText(true);
        removalText.setId("settings-provider-removal-text-" + id);
        HBox.setHgrow(removalText, Priority.ALWAYS);
        removalText.setMaxWidth(Double.MAX_VALUE);
        confirm.setId("settings-provider-remove-confirm-" + id);
        confirm.getStyleClass().addAll(Styles.SMALL, Styles.DANGER);
        confirm.setMinWidth(Control.USE_PREF_SIZE);
        cancel.setId("settings-provider-remove-cancel-" + id);
        cancel.getStyleClass().add(Styles.SMALL);
        cancel.setMinWidth(Control.USE_PREF_SIZE);
        removal.getChildren().addAll(removalText, confirm, cancel);
        getChildren().addAll(line, status, removal);
    }

    private void wireActions() {
        test.setOnAction(e -> model.test(item));
        discover.setOnAction(e -> model.discover(item));
        edit.setOnAction(e -> model.edit(item));
        remove.setOnAction(e -> model.askRemove(item));
        confirm.setOnAction(e -> model.confirmRemove());
        cancel.setOnAction(e -> model.cancelRemove());
    }

    /** Shows the provider's current state and, when it is this one's, the removal being confirmed. */
    void update(ProvidersViewModel.Item next, ProvidersViewModel.Removal asked) {
        item = next;
        Provider p = next.provider();
        title.setText(p.name());
        title.setTooltip(new Tooltip(p.name()));
        String where = Provider.DEMO.equals(p.kind()) ? "built in, offline"
                : p.baseUrl() + " · " + (p.hasApiKey() ? "API key set" : "no API key");
        detail.setText(where + (p.readOnly() ? " · from the server's config" : ""));
        detail.setTooltip(new Tooltip(detail.getText()));
        for (Button b : new Button[] {test, discover}) {
            b.setVisible(next.reachable());
            b.setManaged(next.reachable());
        }
        for (Button b : new Button[] {edit, remove}) {
            b.setVisible(next.editable());
            b.setManaged(next.editable());
        }
        ProvidersViewModel.Status s = next.status();
        status.setText(s.message());
        for (ProvidersViewModel.Status.State state : ProvidersViewModel.Status.State.values()) {
            status.pseudoClassStateChanged(PseudoClass.getPseudoClass(state.name().toLowerCase(Locale.ROOT)
                    .replace('_', '-')), s.state() == state);
        }
        test.setDisable(s.state() == ProvidersViewModel.Status.State.TESTING);
        boolean mine = asked != null && asked.providerId().equals(id);
        removal.setVisible(mine);
        removal.setManaged(mine);
        if (mine) {
            removalText.setText(asked.message());
            boolean refused = asked.phase() == ProvidersViewModel.Removal.Phase.REFUSED;
            removal.pseudoClassStateChanged(PseudoClass.getPseudoClass("refused"), refused);
            confirm.setVisible(!refused);
            confirm.setManaged(!refused);
            confirm.setDisable(asked.phase() == ProvidersViewModel.Removal.Phase.REMOVING);
            cancel.setText(refused ? "OK" : "Cancel");
        }
        remove.setDisable(mine);
    }
}
