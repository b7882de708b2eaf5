/**
 * What both HTTP deployables share: RFC 7807 problems, bearer-token checks per route role, and the
 * Javalin set-up that never lets a stack trace or a 500 answer bad input.
 */
package io.eventledger.platform.http;
