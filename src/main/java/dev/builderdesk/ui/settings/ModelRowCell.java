package dev.builderdesk.ui.settings;

import atlantafx.base.theme.Styles;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A chat model of Settings → Models: its switch, name and provider, the default badge or "Make default", and the
 * favourite star. The nodes are built once per cell; a new item only changes them.
 */
final class ModelRowCell extends ListCell<ModelsViewModel.ModelRow> {
    private static final PseudoClass SET_ASIDE = PseudoClass.getPseudoClass("set-aside");
    private final ModelsViewModel model;
    private final CheckBox active = new CheckBox();
    private final Label title = new Label();
    private final Label provider = new Label();
    private final Label badge = new Label();
    private final Button makeDefault = new Button("Make default");
    private final Button star = new Button();
    private final HBox row;

    ModelRowCell(ModelsViewModel model) {
        this.model = model;
        title.getStyleClass().add("settings-row-title");
        title.setMinWidth(0);
        title.setTextOverrun(OverrunStyle.ELLIPSIS);
        provider.getStyleClass().add("settings-help");
        provider.setMinWidth(0);
        provider.setTextOverrun(OverrunStyle.ELLIPSIS);
        badge.getStyleClass().add("settings-badge");
        badge.setMinWidth(Control.USE_PREF_SIZE);
        makeDefault.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        makeDefault.setMinWidth(Control.USE_PREF_SIZE);
        star.getStyleClass().addAll(Styles.FLAT, "settings-star");
        star.setMinWidth(Control.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        row = new HBox(10, active, title, provider, spacer, badge, makeDefault, star);
        row.setAlignment(Pos.CENTER_LEFT);
        active.setOnAction(e -> model.setActive(getItem(), active.isSelected()));
        makeDefault.setOnAction(e -> model.makeDefault(getItem()));
        star.setOnAction(e -> model.toggleFavourite(getItem()));
    }

    @Override
    protected void updateItem(ModelsViewModel.ModelRow m, boolean empty) {
        super.updateItem(m, empty);
        setText(null);
        if (empty || m == null) {
            setGraphic(null);
            return;
        }
        active.setSelected(m.active());
        active.setDisable(!m.editable());
        active.setId("settings-model-active-" + m.id());
        title.setText(m.name());
        title.setTooltip(new Tooltip(m.name()));
        provider.setText(m.provider() + (m.editable() ? "" : " · from the server's config"));
        boolean marked = m.isDefault() || m.usedByAuto();
        badge.setVisible(marked);
        badge.setManaged(marked);
        badge.setText(m.usedByAuto() ? (m.isDefault() ? "default for Auto" : "used by Auto") : "server default");
        badge.pseudoClassStateChanged(SET_ASIDE, !m.usedByAuto());
        boolean canDefault = !(m.isDefault() && m.usedByAuto()) && m.editable() && m.active();
        makeDefault.setVisible(canDefault);
        makeDefault.setManaged(canDefault);
        makeDefault.setId("settings-model-default-" + m.id());
        star.setText(m.favourite() ? "★" : "☆");
        star.setId("settings-model-favourite-" + m.id());
        star.setTooltip(new Tooltip(m.favourite() ? "Remove from favourites" : "Add to favourites"));
        setGraphic(row);
    }
}
