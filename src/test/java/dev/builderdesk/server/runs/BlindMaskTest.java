package dev.builderdesk.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blind mode's cut of a streamed answer: no piece ends inside a model's name, so each piece scrubs on its own. */
class BlindMaskTest {
    private final BlindMask mask = new BlindMask("Model B", new LinkedHashSet<>(List.of("Quokka Coder",
            "quokka-7b", "kkad")));

    @Test
    void aPieceIsCutBeforeWhatCouldBeginAName() {
        assertThat(mask.safeCut("Written by Quok")).isEqualTo("Written by ".length());
        assertThat(mask.safeCut("Written by q")).isEqualTo("Written by ".length());
        assertThat(mask.safeCut("Written by Quokka Coder")).as("a whole name scrubs in place")
                .isEqualTo("Written by Quokka Coder".length());
        assertThat(mask.safeCut("Nothing to hold.")).isEqualTo("Nothing to hold.".length());
        // A tail that begins one name ("kka" of "kkad") is held, but never by cutting through a whole name.
        assertThat(mask.safeCut("xkkad")).isEqualTo(5);
        assertThat(mask.safeCut("Quokka-7b then kka")).isEqualTo("Quokka-7b then ".length());
        assertThat(mask.safeCut("QUOKKA CO")).isZero();
    }

    @Test
    void aNamesDistinctiveWordsAreHiddenAsWordsButWordsManyModelsShareAreNot() {
        java.util.Set<String> words = new LinkedHashSet<>();
        BlindMask.addWords(words, "Quokka Coder");
        BlindMask.addWords(words, "claude-sonnet-4-5-20250929");
        BlindMask.addWords(words, "gpt-4o-mini");
        BlindMask.addWords(words, "meta/llama-3.1-70b-instruct:free");
        BlindMask.addWords(words, null);
        assertThat(words).containsExactly("Quokka", "claude", "sonnet", "meta", "llama");
        BlindMask mask = new BlindMask("Model A", java.util.Set.of("Quokka Coder"), words);
        assertThat(mask.scrub("Quokka Coder here, Quokka too: a mini sonnet from Claude, coder to coder, with"
                + " metadata and <meta charset>."))
                .isEqualTo("Model A here, Model A too: a mini Model A from Model A, coder to coder, with metadata"
                        + " and <Model A charset>.");
    }

    @Test
    void anAnswerStreamedInAnyPiecesNamesNoModelOnceJoined() {
        String answer = "Done, as Quokka Coder. quokka-7b says hi; QUOKKA CODER agrees.";
        for (int size = 1; size <= 7; size++) {
            StringBuilder held = new StringBuilder();
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < answer.length(); i += size) {
                held.append(answer, i, Math.min(answer.length(), i + size));
                int cut = mask.safeCut(held.toString());
                shown.add(mask.scrub(held.substring(0, cut)));
                held.delete(0, cut);
            }
            shown.add(mask.scrub(held.toString()));
            String joined = String.join("", shown);
            assertThat(joined).as("pieces of " + size).doesNotContainIgnoringCase("quokka")
                    .isEqualTo("Done, as Model B. Model B says hi; Model B agrees.");
        }
    }
}
