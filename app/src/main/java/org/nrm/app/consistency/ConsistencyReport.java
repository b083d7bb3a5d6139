package org.nrm.app.consistency;

import java.util.List;

/** The checker's answer: how many cases it looked at and every disagreement it found. */
public record ConsistencyReport(int checkedCases, List<Finding> findings) {

    public boolean consistent() {
        return findings.isEmpty();
    }
}
