/**
 * Neural-network building blocks on top of the graph.
 *
 * <p>A {@link org.chainrule.nn.Module} owns {@link org.chainrule.graph.Parameter}s and
 * records its computation in a {@link org.chainrule.graph.Graph}; a
 * {@link org.chainrule.nn.Layer} is a module with one input. The layers are
 * {@link org.chainrule.nn.Linear} ({@code Y = X W + b}, examples as rows) and the
 * {@link org.chainrule.nn.Activation}s; {@link org.chainrule.nn.Sequential} stacks them and
 * {@link org.chainrule.nn.Mlp} builds a multilayer perceptron in one expression.
 *
 * <p>Networks need not be stacks; any graph over the parameters is a module. Three shapes
 * that a stack cannot express:
 * <ul>
 *   <li>a skip connection, {@code y = x + tanh(x W + b)}: see {@link org.chainrule.nn.Layer};</li>
 *   <li>a weight matrix shared by two layers, {@code y = tanh(tanh(x W + b1) W + b2)}: see
 *       {@link org.chainrule.nn.Linear#of};</li>
 *   <li>a model with two inputs, {@code y = sigmoid(A Wa + B Wb + b)}: see
 *       {@link org.chainrule.nn.Module}.</li>
 * </ul>
 * In each, the backward pass adds the gradients arriving along every path.
 *
 * <p>Sub-packages: {@link org.chainrule.nn.ops} (operations nn adds to the graph),
 * {@link org.chainrule.nn.loss} (losses), {@link org.chainrule.nn.optim} (optimizers),
 * {@link org.chainrule.nn.train} (the training loop), {@link org.chainrule.nn.checkpoint}
 * (saving and loading parameters), {@link org.chainrule.nn.interop} (weights exchanged with
 * PyTorch and NumPy as safetensors, {@code .npy} and {@code .npz}), {@link org.chainrule.nn.io}
 * (atomic writes shared by every writer) and
 * {@link org.chainrule.nn.data} (datasets).
 */
package org.chainrule.nn;
