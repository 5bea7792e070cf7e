package org.chainrule.graph.check;

import java.util.ArrayList;
import java.util.List;
import org.chainrule.core.Elementwise;
import org.chainrule.core.Tensor;
import org.chainrule.graph.Node;
import org.chainrule.graph.Replay;
import org.ejml.data.DMatrixRMaj;

/**
 * The function values a finite-difference check asks for: {@code f} at the point with one
 * element of one input shifted, or with every input shifted along a direction, each written
 * as the output's elements in row-major order. Two ways to get them: evaluating the function
 * afresh on shifted copies of the inputs ({@link #recorded}), or replaying one recording with
 * its inputs shifted in place ({@link #replayed}); both compute the same numbers.
 */
interface Evaluations {
    /** Computes {@code f(x)} for tensors {@code x} into {@code out}. */
    @FunctionalInterface
    interface Evaluator {
        void evaluate(List<Tensor> x, double[] out);
    }

    /**
     * {@code f(x)} with {@code x_input[element]} replaced by {@code x_input[element] + delta}.
     *
     * @param out the output's elements. Modified.
     */
    void shifted(int input, int element, double delta, double[] out);

    /**
     * {@code f(x + h v)}, every input shifted by {@code h} times its direction.
     *
     * @param out the output's elements. Modified.
     */
    void along(double h, List<Tensor> direction, double[] out);

    /** Called once the shifts of one input are done. */
    void finished(int input);

    /** Evaluates {@code f} afresh at shifted copies of {@code x}: one call of {@code evaluator} per evaluation. */
    static Evaluations recorded(List<Tensor> x, Evaluator evaluator) {
        return new Evaluations() {
            @Override
            public void shifted(int input, int element, double delta, double[] out) {
                List<Tensor> shifted = new ArrayList<>(x);
                DMatrixRMaj m = x.get(input).toMatrix();
                m.data[element] += delta;
                shifted.set(input, Tensor.adopt(m));
                evaluator.evaluate(shifted, out);
            }

            @Override
            public void along(double h, List<Tensor> direction, double[] out) {
                List<Tensor> shifted = new ArrayList<>(x.size());
                for (int i = 0; i < x.size(); i++) {
                    shifted.add(Tensor.adopt(Elementwise.addScaledInPlace(x.get(i).toMatrix(), h,
                            direction.get(i).matrixView())));
                }
                evaluator.evaluate(shifted, out);
            }

            @Override
            public void finished(int input) {
            }
        };
    }

    /**
     * Replays one recording whose input nodes are {@code inputs}: each evaluation shifts in
     * place and recomputes only the nodes between the shifted input and the output.
     */
    static Evaluations replayed(Replay replay, Node[] inputs) {
        // An input recorded after the output (a function returning an earlier input) cannot change it.
        List<Node> reaching = new ArrayList<>();
        List<Integer> reachingIndex = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].id() <= replay.output().id()) {
                reaching.add(inputs[i]);
                reachingIndex.add(i);
            }
        }
        return new Evaluations() {
            @Override
            public void shifted(int input, int element, double delta, double[] out) {
                if (inputs[input].id() <= replay.output().id()) {
                    replay.shiftElementInPlace(inputs[input], element, delta);
                }
                replay.copyOutputInto(out);
            }

            @Override
            public void along(double h, List<Tensor> direction, double[] out) {
                List<Tensor> reachingDirection = new ArrayList<>(reaching.size());
                for (int i : reachingIndex) {
                    reachingDirection.add(direction.get(i));
                }
                replay.shiftAlongInPlace(reaching, h, reachingDirection);
                replay.copyOutputInto(out);
            }

            @Override
            public void finished(int input) {
                replay.restoreInPlace();
            }
        };
    }
}
