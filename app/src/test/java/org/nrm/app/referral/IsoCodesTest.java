package org.nrm.app.referral;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IsoCodesTest {

    @Test
    void kosovo_and_every_official_country_are_accepted() {
        assertThat(IsoCodes.isCountry("XK")).isTrue();
        for (String code : new String[] {"VN", "GB", "AL", "RO", "NG", "ER", "SS", "CW", "AF", "UA"}) {
            assertThat(IsoCodes.isCountry(code)).as(code).isTrue();
        }
        assertThat(IsoCodes.countries()).isGreaterThanOrEqualTo(250);
    }

    @Test
    void bibliographic_and_terminologic_codes_romani_and_dari_are_accepted() {
        for (String code : new String[] {"ger", "deu", "fre", "fra", "alb", "sqi", "chi", "zho", "rom", "prs", "vie",
                "per", "fas", "rum", "ron", "tir", "amh", "rmy", "ukr", "pus"}) {
            assertThat(IsoCodes.isLanguage(code)).as(code).isTrue();
        }
        assertThat(IsoCodes.languages()).isGreaterThan(7800);
    }

    @Test
    void garbage_and_the_wrong_case_are_refused() {
        for (String code : new String[] {"XX", "ZZ", "vn", "V", "VNM", "", " VN", "EU"}) {
            assertThat(IsoCodes.isCountry(code)).as(code).isFalse();
        }
        for (String code : new String[] {"xxx", "qaa", "qaa-qtz", "GER", "de", "", "zzzz", "vi"}) {
            assertThat(IsoCodes.isLanguage(code)).as(code).isFalse();
        }
        assertThat(IsoCodes.isCountry(null)).isFalse();
        assertThat(IsoCodes.isLanguage(null)).isFalse();
    }
}
