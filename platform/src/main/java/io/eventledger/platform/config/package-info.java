/**
 * Configuration shared by both deployables, read from the environment only (DESIGN §7).
 */
package io.eventledger.platform.config;
