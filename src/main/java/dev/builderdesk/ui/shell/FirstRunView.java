package dev.builderdesk.ui.shell;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The empty timeline when only the demo model is there (first run with no local model server found): what the demo
 * is, and the way to a real model. Hidden as soon as the thread has a row or a real model is active.
 */
final class FirstRunView extends VBox {
    FirstRunView(MainViewModel model) {
        setId("first-run");
        getStyleClass().add("first-run");
        Label title = new Label("Welcome to Builder Desk");
        title.getStyleClass().add("first-run-title");
        Label text = new Label("No Ollama or LM Studio answered on this computer, so Auto uses the Demo model: a "
                + "scripted, offline model that shows how a run looks — it reads your files, makes a mistake the "
                + "tools catch, recovers and adds a notes file. Send any prompt to try it, or add your own model.");
        text.setWrapText(true);
        text.getStyleClass().add("first-run-text");
        Button addModel = new Button("Add a model provider");
        addModel.setId("first-run-add-model");
        addModel.getStyleClass().add("accent");
        addModel.setOnAction(e -> model.openAddProvider());
        getChildren().addAll(title, text, new HBox(8, addModel));
        setSpacing(12);
        setMaxWidth(560);
        setMaxHeight(USE_PREF_SIZE);
        visibleProperty().bind(model.onlyDemoModelProperty().and(Bindings.isEmpty(
                model.timeline().items())));
        managedProperty().bind(visibleProperty());
    }
}
