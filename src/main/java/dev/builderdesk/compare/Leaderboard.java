package dev.builderdesk.compare;

import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.Verdict;
import dev.builderdesk.protocol.VerifyResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The user's own leaderboard over saved verdicts (docs/compare.md): per model, by resolved model id (runs without one
 * are skipped, so a blind group counts once its verdict has revealed its models), wins / losses / ties, mean rating,
 * median duration and output tokens, tool-failure rate, verify pass rate, and a Bradley–Terry strength with a 95 %
 * confidence interval once the model has {@value #MIN_VERDICTS} verdicts. Groups without a verdict count for nothing.
 *
 * <p>Pairs per verdict: {@code winner} — the winner's model beats every other attempt of a different model (one win
 * per such attempt); {@code tie} — each pair of different models counts half a win each way; {@code all_bad} — no
 * pairs (a verdict for every model in it, a loss for none). Wins / losses / ties count verdicts: the winner's model
 * wins once, every other model of the group loses once; in a tie every model ties once.
 *
 * <p>Fit: maximum likelihood of P(i beats j) = s_i / (s_i + s_j) over log-strengths, with every model also playing one
 * virtual tie (half a win, half a loss) against a virtual reference of strength 1. The reference fixes the scale
 * (strength 1 = the reference; a strength of 2 beats it two times in three) and keeps an undefeated or winless model
 * finite. Solved by Hunter's (2004) MM iteration s_i ← W_i / Σ_j n_ij / (s_i + s_j); the interval is
 * exp(θ_i ± 1.96 · se_i), se from the inverse of the observed information (the negative Hessian) on the log scale.
 */
public final class Leaderboard {
    /** Verdicts a model needs before its strength is shown. */
    public static final int MIN_VERDICTS = 5;

    private static final double Z95 = 1.959963984540054;
    private static final double TOLERANCE = 1e-13;
    private static final int MAX_ITERATIONS = 1_000_000;

    private final List<Entry> entries;
    private final int verdicts;

    /** A Bradley–Terry strength (the reference is 1) and its 95 % confidence interval. */
    public record Strength(double value, double low, double high) {
    }

    /**
     * One model's line. Rates are fractions (0…1); {@code meanRating}, the medians and {@code verifyPassRate} are
     * null without data; {@code strength} is null until {@code verdicts} reaches {@value #MIN_VERDICTS}, and
     * {@code verdictsNeeded} says how many are missing (0 once shown).
     */
    public record Entry(String modelId, String name, int verdicts, int runs, int wins, int losses, int ties,
            Double meanRating, Double medianDurationMs, Double medianOutputTokens, double toolFailureRate,
            Double verifyPassRate, Strength strength, int verdictsNeeded) {

        /** "1.42 (0.80–2.51)", or "3 more verdicts needed". */
        public String strengthText() {
            if (strength == null) {
                return verdictsNeeded + (verdictsNeeded == 1 ? " more verdict needed" : " more verdicts needed");
            }
            return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", strength.value(), strength.low(), strength.high());
        }
    }

    private Leaderboard(List<Entry> entries, int verdicts) {
        this.entries = List.copyOf(entries);
        this.verdicts = verdicts;
    }

    /**
     * The leaderboard of {@code groups} (pass fewer to filter, e.g. one app's). {@code modelName} names a model id
     * whose runs carry no {@code resolved_model_name} (it may answer null: the id is shown).
     */
    public static Leaderboard of(List<CompareGroup> groups, Function<String, String> modelName) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        int verdicts = 0;
        List<double[]> pairs = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (CompareGroup group : groups) {
            Verdict verdict = group.verdict();
            if (verdict == null || group.runs() == null) {
                continue;
            }
            List<Run> runs = group.runs().stream().filter(r -> r.resolvedModelId() != null).toList();
            if (runs.isEmpty()) {
                continue;
            }
            verdicts++;
            Set<String> models = new LinkedHashSet<>();
            for (Run run : runs) {
                models.add(run.resolvedModelId());
                index.computeIfAbsent(run.resolvedModelId(), id -> index.size());
                Tally t = tallies.computeIfAbsent(run.resolvedModelId(), Tally::new);
                t.add(run, verdict.ratings().get(run.runId()));
            }
            models.forEach(m -> tallies.get(m).verdicts++);
            String winner = verdict.allBad() || verdict.isTie() ? null : modelOf(runs, verdict.winnerRunId());
            if (winner != null) {
                tallies.get(winner).wins++;
                models.stream().filter(m -> !m.equals(winner)).forEach(m -> tallies.get(m).losses++);
                for (Run run : runs) {
                    if (!run.resolvedModelId().equals(winner)) {
                        pairs.add(new double[] {index.get(winner), index.get(run.resolvedModelId()), 1});
                    }
                }
            } else if (verdict.isTie()) {
                models.forEach(m -> tallies.get(m).ties++);
                List<String> list = List.copyOf(models);
                for (int i = 0; i < list.size(); i++) {
                    for (int j = i + 1; j < list.size(); j++) {
                        pairs.add(new double[] {index.get(list.get(i)), index.get(list.get(j)), 0.5});
                        pairs.add(new double[] {index.get(list.get(j)), index.get(list.get(i)), 0.5});
                    }
                }
            }
        }
        double[][] wins = new double[index.size()][index.size()];
        for (double[] p : pairs) {
            wins[(int) p[0]][(int) p[1]] += p[2];
        }
        Strength[] strengths = fit(wins);
        List<Entry> entries = new ArrayList<>();
        for (Tally t : tallies.values()) {
            entries.add(t.entry(modelName, strengths[index.get(t.modelId)]));
        }
        entries.sort(Comparator.comparing((Entry e) -> e.strength() == null)
                .thenComparing(e -> e.strength() == null ? 0 : -e.strength().value())
                .thenComparing(e -> -e.wins()).thenComparing(e -> -e.verdicts()).thenComparing(Entry::name));
        return new Leaderboard(entries, verdicts);
    }

    private static String modelOf(List<Run> runs, String runId) {
        return runs.stream().filter(r -> r.runId().equals(runId)).map(Run::resolvedModelId).findFirst().orElse(null);
    }

    /** Every model seen in a verdict, strongest first (the models without a shown strength after). */
    public List<Entry> entries() {
        return entries;
    }

    /** The verdicts counted (groups with a verdict and at least one attempt with a known model). */
    public int verdicts() {
        return verdicts;
    }

    /** The line of a model id. */
    public Optional<Entry> entry(String modelId) {
        return entries.stream().filter(e -> e.modelId().equals(modelId)).findFirst();
    }

    /**
     * The Bradley–Terry fit of a win matrix ({@code wins[i][j]}: how often i beat j, halves for ties) with the
     * virtual tie against the reference; for every model its strength and 95 % interval.
     */
    static Strength[] fit(double[][] wins) {
        int m = wins.length;
        double[] s = new double[m];
        Arrays.fill(s, 1);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] next = new double[m];
            double change = 0;
            for (int i = 0; i < m; i++) {
                double won = 0.5;
                double denominator = 1 / (s[i] + 1);
                for (int j = 0; j < m; j++) {
                    if (j != i) {
                        won += wins[i][j];
                        double games = wins[i][j] + wins[j][i];
                        if (games > 0) {
                            denominator += games / (s[i] + s[j]);
                        }
                    }
                }
                next[i] = won / denominator;
                change = Math.max(change, Math.abs(Math.log(next[i] / s[i])));
            }
            s = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        double[][] information = new double[m][m];
        for (int i = 0; i < m; i++) {
            information[i][i] += s[i] / (s[i] + 1) / (s[i] + 1);
            for (int j = i + 1; j < m; j++) {
                double games = wins[i][j] + wins[j][i];
                double c = games * s[i] * s[j] / ((s[i] + s[j]) * (s[i] + s[j]));
                information[i][i] += c;
                information[j][j] += c;
                information[i][j] -= c;
                information[j][i] -= c;
            }
        }
        double[][] covariance = invert(information);
        Strength[] out = new Strength[m];
        for (int i = 0; i < m; i++) {
            double theta = Math.log(s[i]);
            double se = Math.sqrt(covariance[i][i]);
            out[i] = new Strength(s[i], Math.exp(theta - Z95 * se), Math.exp(theta + Z95 * se));
        }
        return out;
    }

    /** Gauss–Jordan with partial pivoting; the information is positive definite (the reference games). */
    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] left = new double[n][];
        double[][] right = new double[n][n];
        for (int i = 0; i < n; i++) {
            left[i] = a[i].clone();
            right[i][i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(left[r][col]) > Math.abs(left[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = left[col];
            left[col] = left[pivot];
            left[pivot] = t;
            t = right[col];
            right[col] = right[pivot];
            right[pivot] = t;
            double p = left[col][col];
            for (int k = 0; k < n; k++) {
                left[col][k] /= p;
                right[col][k] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && left[r][col] != 0) {
                    double f = left[r][col];
                    for (int k = 0; k < n; k++) {
                        left[r][k] -= f * left[col][k];
                        right[r][k] -= f * right[col][k];
                    }
                }
            }
        }
        return right;
    }

    /** What one model's runs and verdicts add up to. */
    private static final class Tally {
        final String modelId;
        String runName;
        int verdicts;
        int wins;
        int losses;
        int ties;
        int runs;
        int runsWithFailures;
        int verified;
        int passed;
        final List<Integer> ratings = new ArrayList<>();
        final List<Double> durations = new ArrayList<>();
        final List<Double> outputTokens = new ArrayList<>();

        Tally(String modelId) {
            this.modelId = modelId;
        }

        void add(Run run, Integer rating) {
            runs++;
            if (run.resolvedModelName() != null) {
                runName = run.resolvedModelName();
            }
            if (rating != null) {
                ratings.add(rating);
            }
            if (run.usage() != null) {
                outputTokens.add((double) run.usage().outputTokens());
            }
            if (run.metrics() != null) {
                if (run.metrics().durationMs() != null) {
                    durations.add(run.metrics().durationMs().doubleValue());
                }
                if (run.metrics().toolFailures() > 0) {
                    runsWithFailures++;
                }
                VerifyResult verify = run.metrics().verify();
                if (verify != null) {
                    verified++;
                    if (VerifyResult.PASSED.equals(verify.status())) {
                        passed++;
                    }
                }
            }
        }

        Entry entry(Function<String, String> modelName, Strength strength) {
            String name = runName != null ? runName : modelName.apply(modelId);
            boolean shown = verdicts >= MIN_VERDICTS;
            return new Entry(modelId, name != null ? name : modelId, verdicts, runs, wins, losses, ties,
                    ratings.isEmpty() ? null : ratings.stream().mapToInt(Integer::intValue).average().orElseThrow(),
                    median(durations), median(outputTokens), (double) runsWithFailures / runs,
                    verified == 0 ? null : (double) passed / verified, shown ? strength : null,
                    shown ? 0 : MIN_VERDICTS - verdicts);
        }

        private static Double median(List<Double> values) {
            if (values.isEmpty()) {
                return null;
            }
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }
}
