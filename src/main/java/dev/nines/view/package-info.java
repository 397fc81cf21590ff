/**
 * Read models of what the console, the client portal, the status page and the REST API
 * show, computed once here for all of them from the live SLO windows, the probe recorder and
 * the store, with the math of {@code dev.nines.slo} and {@code dev.nines.uptime}.
 */
package dev.nines.view;
