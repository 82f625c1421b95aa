package dev.builderdesk.ui.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.paint.Color;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text colour of code.css and markdown.css, resolved in AtlantaFX's Primer Light and Primer Dark, has at
 * least 4.5:1 contrast (WCAG AA) on the background it is drawn on.
 */
class CodeContrastTest {
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)}");
    private static final Pattern FILL = Pattern.compile("-fx-(?:fill|text-fill):\\s*(-color-[a-z0-9-]+)");
    private static final Pattern VARIABLE = Pattern.compile("(-color-[a-z0-9-]+):\\s*([^;]+);");

    @ParameterizedTest
    @ValueSource(strings = {"primer-light", "primer-dark"})
    void codeColoursMeetContrastOnTheCodeBackground(String theme) throws IOException {
        Map<String, String> vars = variables(theme);
        Color background = resolve(vars, "-color-bg-subtle");
        int checked = 0;
        for (Map.Entry<String, String> fill : fills("/dev/builderdesk/ui/code/code.css").entrySet()) {
            double ratio = contrast(resolve(vars, fill.getValue()), background);
            assertThat(ratio).as("%s %s (%s)", theme, fill.getKey(), fill.getValue()).isGreaterThanOrEqualTo(4.5);
            checked++;
        }
        assertThat(checked).isGreaterThan(15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"primer-light", "primer-dark"})
    void markdownColoursMeetContrastOnThePageAndOnSubtleRows(String theme) throws IOException {
        Map<String, String> vars = variables(theme);
        for (String bg : new String[] {"-color-bg-default", "-color-bg-subtle"}) {
            Color background = resolve(vars, bg);
            for (Map.Entry<String, String> fill : fills("/dev/builderdesk/ui/markdown/markdown.css").entrySet()) {
                double ratio = contrast(resolve(vars, fill.getValue()), background);
                assertThat(ratio).as("%s %s on %s", theme, fill.getKey(), bg).isGreaterThanOrEqualTo(4.5);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"primer-light", "primer-dark"})
    void textStaysReadableOnSelectionAndInlineCodeBackgrounds(String theme) throws IOException {
        Map<String, String> vars = variables(theme);
        Color text = resolve(vars, "-color-fg-default");
        for (String page : new String[] {"-color-bg-default", "-color-bg-subtle"}) {
            Color under = resolve(vars, page);
            for (String shade : new String[] {"-color-accent-muted", "-color-neutral-muted"}) {
                Color c = resolve(vars, shade);
                Color seen = Color.color(c.getRed(), c.getGreen(), c.getBlue()).interpolate(under, 1 - c.getOpacity());
                assertThat(contrast(text, seen)).as("%s text on %s over %s", theme, shade, page)
                        .isGreaterThanOrEqualTo(4.5);
            }
        }
    }

    private static Map<String, String> fills(String resource) throws IOException {
        String css = read(CodeContrastTest.class.getResourceAsStream(resource)).replaceAll("(?s)/\\*.*?\\*/", "");
        Map<String, String> fills = new HashMap<>();
        Matcher rule = RULE.matcher(css);
        while (rule.find()) {
            Matcher fill = FILL.matcher(rule.group(2));
            String selector = rule.group(1).strip();
            // Paths drawn behind text (selection, inline code) are backgrounds, checked below as such.
            boolean background = selector.endsWith("text-selection") || selector.endsWith("-bg");
            while (fill.find() && !background) {
                fills.put(selector, fill.group(1));
            }
        }
        return fills;
    }

    private static Map<String, String> variables(String theme) throws IOException {
        String css = read(CodeContrastTest.class.getResourceAsStream("/atlantafx/base/theme/" + theme + ".css"));
        // The theme's root block is the first one; later blocks re-use names for controls' own variables.
        String root = css.substring(css.indexOf(".root"), css.indexOf('}', css.indexOf(".root")));
        Map<String, String> vars = new HashMap<>();
        Matcher m = VARIABLE.matcher(root);
        while (m.find()) {
            vars.putIfAbsent(m.group(1), m.group(2).strip());
        }
        return vars;
    }

    private static Color resolve(Map<String, String> vars, String name) {
        String value = name;
        for (int hops = 0; value.startsWith("-color-") && hops < 10; hops++) {
            value = vars.get(value);
            assertThat(value).as("variable %s", name).isNotNull();
        }
        return Color.web(value);
    }

    private static double contrast(Color fg, Color bg) {
        // A translucent colour is seen over its background.
        Color over = fg.interpolate(bg, 1 - fg.getOpacity());
        double a = luminance(over) + 0.05;
        double b = luminance(bg) + 0.05;
        return Math.max(a, b) / Math.min(a, b);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
