/**
 * infra/bench.sh's report: every figure of a run against its limit, the charts, and the generated block of
 * BENCHMARKS.md.
 */
package io.eventledger.benchmarks.report;
