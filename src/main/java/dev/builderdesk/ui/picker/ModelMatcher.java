package dev.builderdesk.ui.picker;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Fuzzy matching of the picker's search over name, slug and provider: a contiguous match scores higher than a
 * scattered one, a match at a word start higher than inside a word; no match is excluded. Pure and allocation-light
 * (it runs on every keystroke over thousands of models).
 */
public final class ModelMatcher {
    private ModelMatcher() {
    }

    /** The choices matching {@code query}, best first; an empty query keeps them all in their order. */
    public static List<ModelChoice> filter(List<ModelChoice> choices, String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return choices;
        }
        record Scored(ModelChoice choice, int score, int index) {
        }
        List<Scored> scored = new java.util.ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            ModelChoice c = choices.get(i);
            int s = Math.max(score(q, c.name()), Math.max(score(q, c.slug()) - 1, score(q, c.provider()) - 2));
            if (s > 0) {
                scored.add(new Scored(c, s, i));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::index));
        return scored.stream().map(Scored::choice).toList();
    }

    /** 0 when {@code query} is not a subsequence of {@code text}; higher for tighter, earlier, word-start matches. */
    static int score(String query, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        String t = text.toLowerCase(Locale.ROOT);
        int contiguous = t.indexOf(query);
        if (contiguous >= 0) {
            boolean wordStart = contiguous == 0 || !Character.isLetterOrDigit(t.charAt(contiguous - 1));
            return 1000 + (wordStart ? 200 : 0) - contiguous;
        }
        int score = 100;
        int ti = 0;
        int gaps = 0;
        for (int qi = 0; qi < query.length(); qi++) {
            char ch = query.charAt(qi);
            int found = t.indexOf(ch, ti);
            if (found < 0) {
                return 0;
            }
            gaps += found - ti;
            ti = found + 1;
        }
        return Math.max(1, score - gaps);
    }
}
