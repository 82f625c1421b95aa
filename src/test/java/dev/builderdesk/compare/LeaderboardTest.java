package dev.builderdesk.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.builderdesk.compare.Leaderboard.Entry;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunUsage;
import dev.builderdesk.protocol.Verdict;
import dev.builderdesk.protocol.VerifyResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The leaderboard: counts and rates per model, the "n more verdicts needed" rule, blind groups once revealed, and
 * the Bradley–Terry fit against a reference computed here by Newton–Raphson on the same penalised likelihood.
 */
public class LeaderboardTest {
    static final List<String> MODELS = List.of("m-quokka", "m-wombat", "m-numbat", "m-echidna", "m-dingo");
    int runs;

    Run run(String model, long duration, long outputTokens, int failures, String verify) {
        String id = "run-" + (++runs);
        RunMetrics metrics = new RunMetrics(100L, duration, 2, 3, failures, 0, 1, 1, 0,
                verify == null ? null : new VerifyResult(verify, 0, 10, ""), 5L, 0);
        return new Run(id, "completed", "native", Run.SURFACE, "app", "rev", null, null, model, model, null,
                Instant.EPOCH, null, null, null, "g", false, model == null ? null : "Name of " + model, List.of(),
                new RunUsage(10, outputTokens), metrics, "p", null, null);
    }

    Run run(String model) {
        return run(model, 1000, 100, 0, null);
    }

    static CompareGroup group(List<Run> runs, Verdict verdict, boolean blind) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            labels.put(runs.get(i).runId(), String.valueOf((char) ('A' + i)));
        }
        return new CompareGroup("g-" + runs.get(0).runId(), "p", Instant.EPOCH, runs, verdict, blind, labels);
    }

    static Verdict winner(Run run, Map<String, Integer> ratings) {
        return new Verdict(run.runId(), ratings, "", false, Verdict.WINNER);
    }

    static Verdict outcome(String outcome) {
        return new Verdict(null, Map.of(), "", false, outcome);
    }

    @Test
    void countsRatesAndMediansPerModel() {
        Run a1 = run("m-quokka", 1000, 100, 1, VerifyResult.PASSED);
        Run b1 = run("m-wombat", 3000, 300, 0, VerifyResult.FAILED);
        Run b2 = run("m-wombat", 5000, 500, 2, VerifyResult.PASSED);
        Run a2 = run("m-quokka", 2000, 200, 0, null);
        Run c2 = run("m-numbat", 9000, 900, 0, null);
        Run a3 = run("m-quokka", 4000, 400, 0, VerifyResult.PASSED);
        Run c3 = run("m-numbat");
        Run a4 = run("m-quokka", 6000, 600, 0, null);
        Run none = run(null);
        List<CompareGroup> groups = List.of(
                // Quokka beats both Wombat attempts (one verdict: one loss for Wombat).
                group(List.of(a1, b1, b2), winner(a1, Map.of(a1.runId(), 5, b1.runId(), 2, b2.runId(), 3)), false),
                group(List.of(a2, c2), outcome(Verdict.TIE), false),
                group(List.of(a3, c3), outcome(Verdict.ALL_BAD), false),
                // Without a verdict: counts for nothing; a run without a model is skipped.
                group(List.of(a4, none), null, false),
                group(List.of(run("m-quokka"), none), winner(none, Map.of()), false));
        Leaderboard board = Leaderboard.of(groups, id -> null);
        assertThat(board.verdicts()).isEqualTo(4);
        Entry quokka = board.entry("m-quokka").orElseThrow();
        assertThat(quokka.name()).isEqualTo("Name of m-quokka");
        assertThat(List.of(quokka.verdicts(), quokka.runs(), quokka.wins(), quokka.losses(), quokka.ties()))
                .containsExactly(4, 4, 1, 0, 1);
        assertThat(quokka.meanRating()).isEqualTo(5.0);
        assertThat(quokka.medianDurationMs()).isEqualTo(1500.0);
        assertThat(quokka.medianOutputTokens()).isEqualTo(150.0);
        assertThat(quokka.toolFailureRate()).isEqualTo(0.25);
        assertThat(quokka.verifyPassRate()).isEqualTo(1.0);
        Entry wombat = board.entry("m-wombat").orElseThrow();
        assertThat(List.of(wombat.verdicts(), wombat.runs(), wombat.wins(), wombat.losses(), wombat.ties()))
                .containsExactly(1, 2, 0, 1, 0);
        assertThat(wombat.meanRating()).isEqualTo(2.5);
        assertThat(wombat.medianDurationMs()).isEqualTo(4000.0);
        assertThat(wombat.toolFailureRate()).isEqualTo(0.5);
        assertThat(wombat.verifyPassRate()).isEqualTo(0.5);
        Entry numbat = board.entry("m-numbat").orElseThrow();
        assertThat(List.of(numbat.verdicts(), numbat.wins(), numbat.losses(), numbat.ties()))
                .containsExactly(2, 0, 0, 1);
        assertThat(numbat.meanRating()).isNull();
        assertThat(numbat.verifyPassRate()).isNull();
    }

    @Test
    void aStrengthIsShownFromTheFifthVerdictOn() {
        List<CompareGroup> groups = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Run a = run("m-quokka");
            groups.add(group(List.of(a, run("m-wombat")), winner(a, Map.of()), false));
        }
        Leaderboard four = Leaderboard.of(groups, id -> null);
        Entry quokka = four.entry("m-quokka").orElseThrow();
        assertThat(quokka.strength()).isNull();
        assertThat(quokka.verdictsNeeded()).isEqualTo(1);
        assertThat(quokka.strengthText()).isEqualTo("1 more verdict needed");
        groups.add(group(List.of(run("m-quokka"), run("m-numbat")), outcome(Verdict.ALL_BAD), false));
        Leaderboard five = Leaderboard.of(groups, id -> null);
        quokka = five.entry("m-quokka").orElseThrow();
        assertThat(quokka.verdictsNeeded()).isZero();
        // Undefeated, yet finite: the virtual tie against the reference.
        assertThat(quokka.strength().value()).isGreaterThan(1).isFinite();
        assertThat(quokka.strength().low()).isLessThan(quokka.strength().value());
        assertThat(quokka.strengthText()).matches("\\d+\\.\\d\\d \\(\\d+\\.\\d\\d–\\d+\\.\\d\\d\\)");
        assertThat(five.entry("m-wombat").orElseThrow().strengthText()).isEqualTo("1 more verdict needed");
        assertThat(five.entry("m-numbat").orElseThrow().strengthText()).isEqualTo("4 more verdicts needed");
        assertThat(five.entries().get(0).modelId()).isEqualTo("m-quokka");
    }

    @Test
    void aBlindVerdictCountsOnceItsModelsAreRevealed() {
        Run hiddenA = run(null);
        Run hiddenB = run(null);
        CompareGroup before = group(List.of(hiddenA, hiddenB), null, true);
        assertThat(Leaderboard.of(List.of(before), id -> "x").entries()).isEmpty();
        Run a = run("m-quokka");
        Run b = run("m-wombat");
        CompareGroup after = group(List.of(a, b), new Verdict(a.runId(), Map.of(a.runId(), 4), "", true,
                Verdict.WINNER), true);
        Leaderboard board = Leaderboard.of(List.of(after), id -> "x");
        assertThat(board.verdicts()).isOne();
        assertThat(board.entry("m-quokka").orElseThrow().wins()).isOne();
        assertThat(board.entry("m-wombat").orElseThrow().losses()).isOne();
    }

    @Test
    void fortyScriptedVerdictsMatchANewtonRaphsonReferenceFit() {
        Random random = new Random(20261203);
        double[] truth = {3.0, 1.5, 1.0, 0.6, 0.3};
        List<CompareGroup> groups = new ArrayList<>();
        // The test's own pair counts, kept from the script (not from the leaderboard).
        double[][] wins = new double[MODELS.size()][MODELS.size()];
        Map<String, int[]> counts = new LinkedHashMap<>();
        MODELS.forEach(m -> counts.put(m, new int[4]));
        for (int g = 0; g < 40; g++) {
            int size = 2 + random.nextInt(3);
            List<Integer> picked = new ArrayList<>();
            for (int k = 0; k < size; k++) {
                picked.add(random.nextInt(MODELS.size()));
            }
            if (picked.stream().distinct().count() < 2) {
                picked.set(0, (picked.get(1) + 1) % MODELS.size());
            }
            List<Run> runs = picked.stream().map(i -> run(MODELS.get(i))).toList();
            List<Integer> distinct = picked.stream().distinct().toList();
            distinct.forEach(i -> counts.get(MODELS.get(i))[0]++);
            double roll = random.nextDouble();
            Verdict verdict;
            if (roll < 0.15) {
                verdict = outcome(Verdict.ALL_BAD);
            } else if (roll < 0.3) {
                verdict = outcome(Verdict.TIE);
                for (int x = 0; x < distinct.size(); x++) {
                    counts.get(MODELS.get(distinct.get(x)))[3]++;
                    for (int y = x + 1; y < distinct.size(); y++) {
                        wins[distinct.get(x)][distinct.get(y)] += 0.5;
                        wins[distinct.get(y)][distinct.get(x)] += 0.5;
                    }
                }
            } else {
                int w = drawWinner(picked, truth, random);
                verdict = winner(runs.get(w), Map.of());
                int wm = picked.get(w);
                counts.get(MODELS.get(wm))[1]++;
                distinct.stream().filter(i -> i != wm).forEach(i -> counts.get(MODELS.get(i))[2]++);
                picked.stream().filter(i -> i != wm).forEach(i -> wins[wm][i] += 1);
            }
            groups.add(group(runs, verdict, false));
        }
        Leaderboard board = Leaderboard.of(groups, id -> null);
        assertThat(board.verdicts()).isEqualTo(40);
        double[][] reference = newtonReference(wins);
        for (int i = 0; i < MODELS.size(); i++) {
            Entry e = board.entry(MODELS.get(i)).orElseThrow();
            int[] c = counts.get(MODELS.get(i));
            assertThat(List.of(e.verdicts(), e.wins(), e.losses(), e.ties())).as(MODELS.get(i))
                    .containsExactly(c[0], c[1], c[2], c[3]);
            assertThat(e.verdicts()).isGreaterThanOrEqualTo(Leaderboard.MIN_VERDICTS);
            assertThat(e.strength().value()).as(MODELS.get(i)).isCloseTo(reference[i][0], within(1e-6));
            assertThat(e.strength().low()).isCloseTo(reference[i][1], within(1e-6));
            assertThat(e.strength().high()).isCloseTo(reference[i][2], within(1e-6));
        }
        // The script's strongest model is on top.
        assertThat(board.entries().get(0).modelId()).isEqualTo("m-quokka");
    }

    private static int drawWinner(List<Integer> picked, double[] truth, Random random) {
        double total = picked.stream().mapToDouble(i -> truth[i]).sum();
        double r = random.nextDouble() * total;
        for (int k = 0; k < picked.size(); k++) {
            r -= truth[picked.get(k)];
            if (r <= 0) {
                return k;
            }
        }
        return picked.size() - 1;
    }

    /**
     * Newton–Raphson on θ for the log-likelihood Σ w_ij log σ(θ_i − θ_j) + Σ_i ½ log σ(θ_i) + ½ log σ(−θ_i) (one
     * virtual tie against a reference at θ = 0): {strength, low, high} per model.
     */
    public static double[][] newtonReference(double[][] w) {
        int m = w.length;
        double[] theta = new double[m];
        double[][] hessian = new double[m][m];
        for (int iteration = 0; iteration < 100; iteration++) {
            double[] gradient = new double[m];
            hessian = new double[m][m];
            for (int i = 0; i < m; i++) {
                double p = sigmoid(theta[i]);
                gradient[i] += 0.5 - p;
                hessian[i][i] -= p * (1 - p);
                for (int j = 0; j < m; j++) {
                    if (i != j) {
                        double pij = sigmoid(theta[i] - theta[j]);
                        gradient[i] += w[i][j] * (1 - pij) - w[j][i] * pij;
                        double c = (w[i][j] + w[j][i]) * pij * (1 - pij);
                        hessian[i][i] -= c;
                        hessian[i][j] += c;
                    }
                }
            }
            double[] step = solve(hessian, gradient);
            double size = 0;
            for (int i = 0; i < m; i++) {
                theta[i] -= step[i];
                size = Math.max(size, Math.abs(step[i]));
            }
            if (size < 1e-14) {
                break;
            }
        }
        double[][] out = new double[m][3];
        for (int i = 0; i < m; i++) {
            double[] unit = new double[m];
            unit[i] = 1;
            double variance = -solve(hessian, unit)[i];
            double se = Math.sqrt(variance);
            out[i] = new double[] {Math.exp(theta[i]), Math.exp(theta[i] - 1.959963984540054 * se),
                Math.exp(theta[i] + 1.959963984540054 * se)};
        }
        return out;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Gaussian elimination without pivoting (the Hessian is negative definite). */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double[] x = b.clone();
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int col = 0; col < n; col++) {
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int k = col; k < n; k++) {
                    m[r][k] -= f * m[col][k];
                }
                x[r] -= f * x[col];
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            for (int k = r + 1; k < n; k++) {
                x[r] -= m[r][k] * x[k];
            }
            x[r] /= m[r][r];
        }
        return x;
    }
}
