/**
 * Neural-network building blocks on top of the graph: layers, losses, optimizers and
 * training.
 */
package org.chainrule.nn;
