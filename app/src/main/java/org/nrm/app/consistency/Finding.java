package org.nrm.app.consistency;

/**
 * One disagreement between the event stream (the record), the engine and a projection, for one case (or, for a
 * shelter's bed count, no case). {@code events}, {@code engine} and {@code projection} say what each side holds
 * (null when that side has no say in it); {@code repair} is what an operator should do. No personal data.
 */
public record Finding(String caseId, String kind, String events, String engine, String projection, String repair) {
}
