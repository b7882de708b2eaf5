/**
 * Exact money: amounts at their currency's ISO 4217 scale. Pure domain: JDK only.
 */
package io.eventledger.contract.money;
