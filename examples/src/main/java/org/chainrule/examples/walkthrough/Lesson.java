package org.chainrule.examples.walkthrough;

/**
 * One lesson of the {@link Walkthrough}: its number, its short stable name and a one-line title.
 *
 * @param number its place in the walkthrough, from 1.
 * @param name the short name, e.g. {@code two-paths}.
 * @param title what it shows, in one line.
 */
public record Lesson(int number, String name, String title) {
}
