/**
 * Bearer tokens and roles shared by both HTTP deployables: tokens are stored only as SHA-256 hashes.
 * Depends on JDBC ({@code ledger.api_tokens}) and Javalin's {@code RouteRole} marker only.
 */
package io.eventledger.platform.auth;
