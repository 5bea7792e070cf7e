/** Tests of the walkthrough's web pages in a real, headless Chromium, driven over the DevTools protocol. */
package org.chainrule.examples.browser;
