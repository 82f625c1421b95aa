package dev.builderdesk.ui.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Answers;
import java.util.List;
import org.junit.jupiter.api.Test;

class HighlighterTest {

    /** The class of the span covering all of the {@code nth} occurrence of {@code token}, or "" when plain. */
    private static String classOf(String language, String code, String token, int nth) {
        int at = -1;
        for (int k = 0; k <= nth; k++) {
            at = code.indexOf(token, at + 1);
        }
        assertThat(at).as("token %s in code", token).isGreaterThanOrEqualTo(0);
        for (Span span : Highlighter.highlight(language, code)) {
            if (span.start() <= at && span.end() >= at + token.length()) {
                return span.styleClass();
            }
            if (span.start() < at + token.length() && span.end() > at) {
                return "partial:" + span.styleClass();
            }
        }
        return "";
    }

    /**
     * Checks the classes of tokens in one snippet: {@code in(language, code).has(token, class)...}, so each test names
     * its language and code once instead of on every line.
     */
    private static Tokens in(String language, String code) {
        return new Tokens(language, code);
    }

    private record Tokens(String language, String code) {
        /** The first occurrence of {@code token} is covered by one span of {@code styleClass} ("" = plain). */
        Tokens has(String token, String styleClass) {
            return has(token, 0, styleClass);
        }

        /** The same for the {@code nth} (0-based) occurrence. */
        Tokens has(String token, int nth, String styleClass) {
            assertThat(classOf(language, code, token, nth)).as("class of %s #%d", token, nth).isEqualTo(styleClass);
            return this;
        }
    }

    @Test
    void typescriptKeywordsStringsCommentsNumbersAndTypes() {
        String code = """
                // load the user
                export async function load(id: string): Promise<User> {
                  const res = await fetch(`/api/users/${id}?v=${2}`);
                  /* block
                     comment */
                  return { n: 42, ok: true, name: 'x' };
                }
                """;
        in("ts", code)
                .has("// load the user", "code-comment")
                .has("export", "code-keyword")
                .has("async", "code-keyword")
                .has("string", "code-type")
                .has("Promise", "code-type")
                .has("User", "code-type")
                .has("`/api/users/", "code-string")
                .has("id", 1, "")
                .has("2", "code-number")
                .has("/* block\n     comment */", "code-comment")
                .has("42", "code-number")
                .has("true", "code-keyword")
                .has("'x'", "code-string")
                .has("fetch", "code-function")
                .has("res", "");
    }

    @Test
    void regexLiteralsAndDivisionsAreTold() {
        String code = "const a = b / c / d;\nconst re = /[a/]+\\/x/g;\n";
        in("js", code)
                .has("/[a/]+\\/x/g", "code-string")
                .has(" c ", "")
                .has("/", 0, "code-punct");
    }

    @Test
    void jsxTagsAttributesAndExpressions() {
        String code = """
                export function Tier({ tier }: { tier: Tier }) {
                  return (
                    <article key={tier.name} className="tier">
                      <h3>{tier.name}</h3>
                      <Price value={format(tier.monthly)} />
                      Up to {tier.seats} seats
                    </article>
                  );
                }
                const x = a < b;
                """;
        in("tsx", code)
                .has("article", "code-tag")
                .has("key", "code-attr")
                .has("className", "code-attr")
                .has("\"tier\"", "code-string")
                .has("h3", "code-tag")
                .has("Price", "code-tag")
                .has("format", "code-function")
                .has("Up to", "")
                .has("article", 1, "code-tag")
                .has("const", 0, "code-keyword")
                .has(" b", "");
    }

    @Test
    void genericsInTypescriptAreNotJsx() {
        String code = "const [state, setState] = useState<FetchState<T>>({ status: \"loading\" });";
        in("tsx", code)
                .has("FetchState", "code-type")
                .has("\"loading\"", "code-string");
    }

    @Test
    void cssSelectorsPropertiesValuesAndAtRules() {
        String code = """
                /* cards */
                .tier--highlighted, a:hover > span { border-color: var(--accent); padding: 1.5rem; }
                @media (max-width: 720px) { .grid { grid-template-columns: 1fr; color: #6d28d9 !important; } }
                """;
        in("css", code)
                .has("/* cards */", "code-comment")
                .has(".tier--highlighted", "code-type")
                .has("a:", "partial:code-tag")
                .has(":hover", "code-attr")
                .has("border-color", "code-property")
                .has("var", "code-function")
                .has("--accent", "code-variable")
                .has("1.5rem", "code-number")
                .has("@media", "code-keyword")
                .has("720px", "code-number")
                .has(".grid", "code-type")
                .has("grid-template-columns", "code-property")
                .has("#6d28d9", "code-number")
                .has("!important", "code-keyword");
    }

    @Test
    void htmlTagsAttributesValuesCommentsAndEmbeddedScript() {
        String code = """
                <!DOCTYPE html>
                <!-- the avatar -->
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">
                  <rect width=40 rx="20" />
                </svg>
                <script>const n = 1;</script>
                """;
        in("html", code)
                .has("<!DOCTYPE html>", "code-meta")
                .has("<!-- the avatar -->", "code-comment")
                .has("svg", "code-tag")
                .has("xmlns", "code-attr")
                .has("\"http://www.w3.org/2000/svg\"", "code-string")
                .has("40", 2, "code-string")
                .has("rect", "code-tag")
                .has("const", "code-keyword")
                .has("1;", "partial:code-number");
    }

    @Test
    void jsonKeysValuesNumbersAndLiterals() {
        String code = "{\n  \"scripts\": { \"dev\" : \"vite\" },\n  \"n\": -1.5e3, \"ok\": true, \"x\": null\n}";
        in("json", code)
                .has("\"scripts\"", "code-property")
                .has("\"dev\"", "code-property")
                .has("\"vite\"", "code-string")
                .has("-1.5e3", "code-number")
                .has("true", "code-keyword")
                .has("null", "code-keyword")
                .has("{", "code-punct");
    }

    @Test
    void bashCommandsFlagsVariablesStringsAndComments() {
        String code = """
                # install
                $ npm install --save-dev vitest
                NODE_ENV=test npm run dev -- --open | tee "$HOME/log-${DATE}.txt" 'no $x here'
                if [ -f "$1" ]; then echo $?; fi
                """;
        in("bash", code)
                .has("# install", "code-comment")
                .has("$", 0, "code-meta")
                .has("npm", "code-function")
                .has("install", 1, "")
                .has("--save-dev", "code-attr")
                .has("NODE_ENV", "code-variable")
                .has("npm", 1, "code-function")
                .has("tee", "code-function")
                .has("$HOME", "code-variable")
                .has("/log-", "code-string")
                .has("${DATE}", "code-variable")
                .has("'no $x here'", "code-string")
                .has("if", "code-keyword")
                .has("$1", "code-variable")
                .has("echo", "code-function")
                .has("$?", "code-variable")
                .has("fi", "code-keyword");
    }

    @Test
    void diffLines() {
        String code = """
                diff --git a/src/App.tsx b/src/App.tsx
                --- a/src/App.tsx
                +++ b/src/App.tsx
                @@ -1,9 +1,11 @@
                 import { Hero } from "./components/Hero";
                +import { Pricing } from "./components/Pricing";
                -import "./Old.css";
                --- a removed line that starts with dashes
                """;
        in("diff", code)
                .has("diff --git a/src/App.tsx b/src/App.tsx", "code-meta")
                .has("--- a/src/App.tsx", "code-meta")
                .has("+++ b/src/App.tsx", "code-meta")
                .has("@@ -1,9 +1,11 @@", "code-hunk")
                .has(" import { Hero }", "")
                .has("+import { Pricing } from \"./components/Pricing\";", "code-added")
                .has("-import \"./Old.css\";", "code-removed")
                .has("--- a removed line", "code-removed");
    }

    @Test
    void markdownSource() {
        String code = "# Title\n\nSome **bold** and `code`, a [link](https://x.dev).\n- item\n```ts\nlet x\n```\n";
        in("md", code)
                .has("# Title", "code-heading")
                .has("**", "code-punct")
                .has("`code`", "code-string")
                .has("(https://x.dev)", "code-attr")
                .has("```ts", "code-meta")
                .has("let x", "code-string")
                .has("-", "code-punct");
    }

    @Test
    void unknownLanguagesArePlain() {
        assertThat(Highlighter.highlight("", "const x = 1;")).isEmpty();
        assertThat(Highlighter.highlight("text", "const x = 1;")).isEmpty();
        assertThat(Highlighter.highlight("cobol", "MOVE 1 TO X.")).isEmpty();
        assertThat(Highlighter.knows("tsx")).isTrue();
        assertThat(Highlighter.knows("")).isFalse();
    }

    @Test
    void aTwoThousandLineFileIsHighlightedToItsLastLine() {
        String answer = Answers.answer("pricing-section");
        int start = answer.indexOf("```tsx\n") + 7;
        String component = answer.substring(start, answer.indexOf("```", start));
        String big = component.repeat(2000 / (int) component.lines().count() + 1);
        assertThat(big.lines().count()).isGreaterThanOrEqualTo(2000);
        List<Span> spans = Highlighter.highlight("tsx", big);
        List<Span> once = Highlighter.highlight("tsx", component);
        assertThat(spans).hasSizeGreaterThanOrEqualTo(once.size() * (int) (big.length() / component.length()));
        assertThat(spans.get(spans.size() - 1).end()).isGreaterThan(big.length() - component.length());
    }
}
