package org.nrm.app.protection;

import java.time.Clock;
import org.nrm.projections.cases.EventDataReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Personal data protection: keys per person, the cipher, and decryption for the history. */
@Configuration(proxyBeanMethods = false)
public class ProtectionConfiguration {

    @Bean
    MasterKey masterKey(@Value("${nrm.protection.master-key:}") String masterKey) {
        return new MasterKey(masterKey);
    }

    @Bean
    SubjectKeys subjectKeys(JdbcTemplate jdbc, MasterKey masterKey, Clock clock) {
        return new JdbcSubjectKeys(jdbc, masterKey, clock);
    }

    @Bean
    PersonalDataCipher personalDataCipher(SubjectKeys keys) {
        return new PersonalDataCipher(keys);
    }

    @Bean
    PersonalDataModule personalDataModule(PersonalDataCipher cipher) {
        return new PersonalDataModule(cipher);
    }

    @Bean
    EventDataReader historyDataReader(PersonalDataCipher cipher, SubjectKeys keys) {
        return new HistoryDataReader(cipher, keys);
    }
}
