package dev.builderdesk.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.protocol.HistoryMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationHistoryTest {
    @Test
    void thePromptIsNotAppendedTwiceWhenTheClientAlreadySentIt() {
        List<HistoryMessage> out = ConversationHistory.normalise(List.of(new HistoryMessage("user", "hi"),
                new HistoryMessage("assistant", "hello"), new HistoryMessage("user", "go")), "go");
        assertThat(out).extracting(HistoryMessage::content).containsExactly("hi", "hello", "go");
    }

    @Test
    void unknownRolesBlankContentAndNullsAreDropped() {
        List<HistoryMessage> out = ConversationHistory.normalise(List.of(new HistoryMessage("tool", "x"),
                new HistoryMessage(null, "y"), new HistoryMessage("user", null), new HistoryMessage(" ASSISTANT ",
                        "kept")), "go");
        assertThat(out).containsExactly(new HistoryMessage("assistant", "kept"), new HistoryMessage("user", "go"));
    }

    @Test
    void compactionSkipsMessagesThatDoNotFitAndKeepsOlderOnesThatDo() {
        List<HistoryMessage> in = List.of(new HistoryMessage("user", "a".repeat(10)),
                new HistoryMessage("assistant", "b".repeat(80)), new HistoryMessage("user", "c".repeat(50)));
        List<HistoryMessage> out = ConversationHistory.compact(in, 70);
        assertThat(out).extracting(HistoryMessage::content).containsExactly(
                "Context compacted: 1 earlier message(s) omitted to stay within budget.", "a".repeat(10),
                "c".repeat(50));
        assertThat(ConversationHistory.compact(in, 1000)).isEqualTo(in);
    }

    @Test
    void theNewestMessageIsKeptEvenWhenItAloneIsOverBudget() {
        List<HistoryMessage> in = List.of(new HistoryMessage("user", "old"), new HistoryMessage("user",
                "x".repeat(100)));
        assertThat(ConversationHistory.compact(in, 10)).extracting(HistoryMessage::content)
                .containsExactly("Context compacted: 1 earlier message(s) omitted to stay within budget.",
                        "x".repeat(100));
    }
}
