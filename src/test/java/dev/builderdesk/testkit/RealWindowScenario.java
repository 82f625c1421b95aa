package dev.builderdesk.testkit;

import dev.builderdesk.testkit.ScriptedLlm.Reply;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * A run server for looking at the real window (scripts/real-window-check.sh): the test server with the scripted
 * provider, whose Model A answers every prompt with a few tool calls (reads, a listing, a patch that fails, a
 * write, more reads, six listings), then an answer holding a 20-line tsx block and a realistic fixture answer.
 * Prints {@code URL TOKEN} and serves until killed.
 */
public final class RealWindowScenario {
    private RealWindowScenario() {
    }

    public static void main(String[] args) throws Exception {
        TestServer server = TestServer.start(Files.createTempDirectory("bd-real-window"));
        for (int i = 0; i < 20; i++) {
            server.llm().script("model-a", turn().toArray(Reply[]::new));
        }
        System.out.println(server.baseUrl() + " " + TestServer.ACME_OWNER);
        System.out.flush();
        Thread.currentThread().join();
    }

    static List<Reply> turn() {
        List<Reply> replies = new ArrayList<>();
        replies.add(Reply.toolCall("I'll look at the app first.", "coding_agent_read_file",
                "{\"path\":\"src/App.tsx\"}"));
        replies.add(Reply.toolCall(null, "coding_agent_read_file", "{\"path\":\"src/main.tsx\"}"));
        replies.add(Reply.toolCall(null, "coding_agent_list_files", "{}"));
        replies.add(Reply.toolCall("Patching the app.", "coding_agent_apply_patch",
                "{\"patch\":\"--- a/src/App.tsx\\n+++ b/src/App.tsx\\n@@ -90,1 +90,1 @@\\n-nope\\n+yes\\n\"}"));
        replies.add(Reply.toolCall("The patch missed; writing the component instead.", "coding_agent_write_file",
                "{\"path\":\"src/Counter.tsx\",\"content\":" + dev.builderdesk.protocol.Json.write(COUNTER) + "}"));
        for (String path : List.of("index.html", "src/index.css", "package.json", "vite.config.ts")) {
            replies.add(Reply.toolCall(null, "coding_agent_read_file", "{\"path\":\"" + path + "\"}"));
        }
        for (int i = 0; i < 6; i++) {
            replies.add(Reply.toolCall(null, "coding_agent_list_files", "{}"));
        }
        replies.add(Reply.text("Added `src/Counter.tsx`:\n\n```tsx\n" + COUNTER + "```\n\n"
                + "| file | change |\n|---|---|\n| `src/Counter.tsx` | new, 20 lines |\n\n"
                + "- [x] component\n- [ ] ~~tests~~ next time\n\n" + Answers.answer("pricing-section")));
        return replies;
    }

    /** Twenty lines of tsx, numbered in comments so a screenshot shows whether every line is there. */
    static final String COUNTER = """
            import { useState } from "react"; // line 1
            // line 2: a counter with a step
            type Props = { start?: number; step?: number }; // line 3
            // line 4
            export function Counter({ start = 0, step = 1 }: Props) { // line 5
              const [count, setCount] = useState(start); // line 6
              const inc = () => setCount((c) => c + step); // line 7
              const dec = () => setCount((c) => c - step); // line 8
              // line 9
              return ( // line 10
                <div className="counter"> {/* line 11 */}
                  <button onClick={dec} aria-label="less">-</button> {/* line 12 */}
                  <output>{count}</output> {/* line 13 */}
                  <button onClick={inc} aria-label="more">+</button> {/* line 14 */}
                </div> // line 15
              ); // line 16
            } // line 17
            // line 18
            export default Counter; // line 19
            // line 20: end
            """;
}
