package org.chainrule.graph.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.chainrule.core.Axis;
import org.chainrule.core.Shape;
import org.chainrule.core.ShapeMismatchException;
import org.chainrule.core.Tensor;
import org.chainrule.graph.ElementwiseOperation;
import org.chainrule.graph.ops.AddBroadcast;
import org.chainrule.graph.ops.Log;
import org.chainrule.graph.ops.MatMul;
import org.chainrule.graph.ops.Relu;
import org.chainrule.graph.ops.Softmax;
import org.chainrule.graph.ops.Tanh;
import org.chainrule.testing.Generators;
import org.chainrule.testing.Theories;
import org.junit.jupiter.api.Test;

/** {@link GradientCheck#checkOperation}: one operation, random seeded inputs, every input's VJP. */
class CheckOperationTest {
    private static final GradientCheck CHECK = GradientCheck.defaults();

    @Test
    void builtInOperationsPassAtTheShapesGiven() {
        CHECK.checkOperation(MatMul.INSTANCE, new Shape(3, 4), new Shape(4, 2)).assertPassed();
        CHECK.checkOperation(AddBroadcast.INSTANCE, new Shape(3, 4), new Shape(1, 4)).assertPassed();
        CHECK.checkOperation(new Softmax(Axis.EACH_COLUMN), new Shape(3, 2)).assertPassed();
        CHECK.withInputRange(0.1, 3).checkOperation(Log.INSTANCE, new Shape(2, 2)).assertPassed();
        GradientCheckResult result = CHECK.checkOperation(MatMul.INSTANCE, new Shape(2, 3), new Shape(3, 5));
        assertEquals(List.of(new Shape(2, 3), new Shape(3, 5)), result.inputs().stream().map(Tensor::shape).toList());
        assertEquals(new Shape(2, 5), result.outputValue().shape());
        assertEquals(10, result.inputChecks().get(1).analytic().rows(), "the whole Jacobian: one row per output element");
    }

    @Test
    void theInputsComeFromTheSeedInTheInputRange() {
        Tensor first = CHECK.withSeed(3).checkOperation(Tanh.INSTANCE, new Shape(2, 3)).inputs().get(0);
        assertEquals(first, CHECK.withSeed(3).checkOperation(Tanh.INSTANCE, new Shape(2, 3)).inputs().get(0));
        assertNotEquals(first, CHECK.withSeed(4).checkOperation(Tanh.INSTANCE, new Shape(2, 3)).inputs().get(0));
        for (int e = 0; e < first.size(); e++) {
            assertTrue(Math.abs(first.getFlat(e)) <= 2);
        }
    }

    @Test
    void inputsAreDrawnAwayFromTheKinksAnOperationDeclares() {
        for (long seed = 0; seed < 50; seed++) {
            GradientCheckResult result = CHECK.withSeed(seed).withInputRange(-0.01, 0.01)
                    .checkOperation(Relu.INSTANCE, new Shape(3, 3));
            result.assertPassed();
            Tensor x = result.inputs().get(0);
            for (int e = 0; e < x.size(); e++) {
                assertTrue(Math.abs(x.getFlat(e)) >= OperationCase.KINK_CLEARANCE, x.toString());
            }
        }
    }

    @Test
    void aWrongDerivativeFailsAndIsNamed() {
        ElementwiseOperation wrong = ElementwiseOperation.of("sigmoid with s (1 + s)",
                x -> 1 / (1 + Math.exp(-x)), (x, s) -> s * (1 + s));
        GradientCheckResult result = CHECK.checkOperation(wrong, new Shape(2, 2));
        assertFalse(result.passed());
        assertEquals("sigmoid with s (1 + s)", result.localisation().orElseThrow().faultyOperation().orElseThrow()
                .operation());
        assertFalse(CHECK.checkOperation(wrong).passed(), "the element-wise form, at a drawn shape");
    }

    @Test
    void theElementwiseFormDrawsItsShapeFromTheSeed() {
        Shape shape = CHECK.withSeed(11).checkOperation(Tanh.INSTANCE).inputs().get(0).shape();
        assertEquals(shape, CHECK.withSeed(11).checkOperation(Tanh.INSTANCE).inputs().get(0).shape());
        assertTrue(shape.rows() <= 6 && shape.cols() <= 6);
    }

    @Test
    void aPropertyTakesGeneratedShapesAndSeeds() {
        ElementwiseOperation softplus = ElementwiseOperation.of("softplus",
                x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), (x, y) -> 1 / (1 + Math.exp(-x)));
        Theories.qt(50).forAll(Generators.shapes(), longs().all()).checkAssert((shape, seed) ->
                GradientCheck.defaults().withSeed(seed).checkOperation(softplus, List.of(shape)).assertPassed());
    }

    @Test
    void shapesThatDoNotFitAreRefusedByTheOperation() {
        assertThrows(ShapeMismatchException.class,
                () -> CHECK.checkOperation(MatMul.INSTANCE, new Shape(2, 3), new Shape(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> CHECK.checkOperation(MatMul.INSTANCE));
        assertThrows(IllegalArgumentException.class, () -> CHECK.withInputRange(1, 1));
    }
}
