/**
 * Bearer tokens and roles shared by both HTTP deployables: tokens are stored only as SHA-256 hashes; the
 * {@link io.eventledger.platform.auth.Authenticator} caches live ones (Caffeine) while a
 * {@link io.eventledger.platform.auth.TokenRevocationListener} hears their revocations (pgjdbc LISTEN/NOTIFY).
 * Depends on JDBC ({@code ledger.api_tokens}), pgjdbc, Caffeine and Javalin's {@code RouteRole} marker only.
 */
package io.eventledger.platform.auth;
