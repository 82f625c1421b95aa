package dev.builderdesk.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.RevisionDiff;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The diff and file viewer models against the real server, with executors that run at once. */
class DiffViewModelTest extends ServerTestBase {
    String base;
    String result;

    @BeforeEach
    void run() {
        start(TestServer.Options.defaults(), "vite-react");
        server.llm().script("model-a",
                Reply.toolCall(null, "coding_agent_write_file",
                        Json.write(Map.of("path", "src/extra.ts", "content", "export const a = 1\n"))),
                Reply.toolCall(null, "coding_agent_delete_file", Json.write(Map.of("path", "src/index.css"))),
                Reply.text("ok"));
        String runId = server.createRun(app, Map.of("input", "go", "model_id", TestServer.MODEL_A))
                .get("run_id").asText();
        JsonNode run = server.awaitStatus(app, runId, "completed");
        base = run.get("base_revision_id").asText();
        result = run.get("result_revision_id").asText();
    }

    @Test
    void loadsTheRunsChangesAndLaysThemOutUnifiedOrSplit() {
        DiffViewModel model = new DiffViewModel(client(), Runnable::run, Runnable::run);
        model.load(app, base, result).join();

        assertThat(model.loadingProperty().get()).isFalse();
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.files()).extracting(DiffFile::path, DiffFile::change).containsExactly(
                tuple("src/extra.ts", UnifiedDiff.Change.ADDED),
                tuple("src/index.css", UnifiedDiff.Change.DELETED));
        int removed = model.files().get(1).linesRemoved();
        assertThat(model.summaryProperty().get()).isEqualTo("2 files changed +1 \u2212" + removed);
        assertThat(model.selectedFileProperty().get()).isSameAs(model.files().get(0));
        assertThat(model.messageProperty().get()).isEmpty();
        assertThat(model.rows()).hasSize(2 + 2 + 1 + removed);
        assertThat(model.rowOf(model.files().get(1))).isEqualTo(3);
        assertThat(model.rows()).filteredOn(r -> r instanceof DiffRow.Code).hasSize(1 + removed);

        model.layoutProperty().set(DiffViewModel.Layout.SPLIT);
        assertThat(model.rows()).filteredOn(r -> r instanceof DiffRow.Split).hasSize(1 + removed)
                .allMatch(r -> ((DiffRow.Split) r).left() == null ^ ((DiffRow.Split) r).right() == null);
        assertThat(model.rows()).noneMatch(r -> r instanceof DiffRow.Code);
    }

    @Test
    void anUnknownRevisionIsAnErrorAndNoChangesSayNoFilesChanged() {
        DiffViewModel model = new DiffViewModel(client(), Runnable::run, Runnable::run);
        model.load(app, base, "00000000-0000-4000-8000-000000000000").join();

        assertThat(model.errorProperty().get()).startsWith("Could not load the changes: ");
        assertThat(model.messageProperty().get()).isEqualTo(model.errorProperty().get());
        assertThat(model.files()).isEmpty();

        model.load(app, result, result).join();
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("No files changed");
        assertThat(model.summaryProperty().get()).isEqualTo("0 files changed +0 \u22120");
    }

    @Test
    void theFileViewerMarksWhatTheRunAddedAndOffersItsDiffOnlyForChangedFiles() {
        RevisionDiff diff = client().diff(app, base, result);
        FileViewerModel viewer = new FileViewerModel(client(), Runnable::run, Runnable::run);
        viewer.open(app, "src/extra.ts", result, diff).join();

        assertThat(viewer.lines()).containsExactly(
                new FileViewerModel.CodeLine(1, "export const a = 1", viewer.lines().get(0).spans(), true));
        assertThat(viewer.languageProperty().get()).isEqualTo("ts");
        assertThat(viewer.hasChangesProperty().get()).isTrue();
        viewer.showChangesProperty().set(true);

        viewer.open(app, "src/App.tsx", result, diff).join();
        assertThat(viewer.hasChangesProperty().get()).isFalse();
        assertThat(viewer.showChangesProperty().get()).isFalse();
        assertThat(viewer.lines()).noneMatch(FileViewerModel.CodeLine::changed);
        assertThat(viewer.lines().get(0).text()).isEqualTo("import { useState } from 'react'");

        viewer.open(app, "src/index.css", result, diff).join();
        assertThat(viewer.errorProperty().get()).startsWith("Could not open src/index.css: ");
        assertThat(viewer.lines()).isEmpty();
    }
}
