package org.nrm.referral.api;

import java.time.LocalDate;
import java.time.Period;

/**
 * An age in the broad bands of the CTDC global dataset's {@code ageBroad} column ("0--8", "9--17", "18--20", "21--23",
 * "24--26", "27--29", "30--38", "39--47", "48+"; the spellings as the published dataset is read by public analyses of
 * it; CTDC's codebook itself was not among the stored sources). Used for the age at the start of the exploitation.
 */
public enum AgeBand {
    AGE_0_8(0, 8, "0--8"), AGE_9_17(9, 17, "9--17"), AGE_18_20(18, 20, "18--20"), AGE_21_23(21, 23, "21--23"),
    AGE_24_26(24, 26, "24--26"), AGE_27_29(27, 29, "27--29"), AGE_30_38(30, 38, "30--38"),
    AGE_39_47(39, 47, "39--47"), AGE_48_PLUS(48, Integer.MAX_VALUE, "48+");

    private final int from;
    private final int to;
    private final String ctdc;

    AgeBand(int from, int to, String ctdc) {
        this.from = from;
        this.to = to;
        this.ctdc = ctdc;
    }

    /** The band's spelling in CTDC's {@code ageBroad}. */
    public String ctdc() {
        return ctdc;
    }

    public boolean minor() {
        return to < 18;
    }

    public static AgeBand of(int years) {
        for (AgeBand band : values()) {
            if (years >= band.from && years <= band.to) {
                return band;
            }
        }
        throw new IllegalArgumentException("no age band for " + years);
    }

    /** The band of a person born on {@code birthDate} on {@code day}; null when either is unknown or day is earlier. */
    public static AgeBand at(LocalDate birthDate, LocalDate day) {
        if (birthDate == null || day == null || day.isBefore(birthDate)) {
            return null;
        }
        return of(Period.between(birthDate, day).getYears());
    }
}
