/**
 * The projector's command line (picocli): the entry point of the deployable jar. Depends on the
 * wiring in {@code io.eventledger.projector} only.
 */
package io.eventledger.projector.cli;
