/**
 * File plumbing shared by nn's writers: {@link org.chainrule.nn.io.AtomicWrite} writes a
 * file so that a failed save never leaves a half-written one in its place.
 */
package org.chainrule.nn.io;
