package org.nrm.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.time.Clock;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.nrm.app.protection.PersonalDataModule;
import org.nrm.projections.PersonalDataWithheld;
import org.nrm.referral.api.Actor;
import org.nrm.referral.model.JurisdictionRules;
import org.nrm.referral.model.ReferralCase;
import org.nrm.referral.model.ResidencePermitApplication;
import org.nrm.referral.model.Shelter;
import org.nrm.referral.model.VoluntaryReturn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** Wires the domain into Axon: aggregates, the stored event format, and who-did-it metadata on every event. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** The aggregates of referral-domain (which knows nothing of Spring, so no stereotype annotations there). */
    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer.configureAggregate(ReferralCase.class)
                .configureAggregate(Shelter.class)
                .configureAggregate(ResidencePermitApplication.class)
                .configureAggregate(VoluntaryReturn.class)
                .configureAggregate(org.nrm.referral.model.SupportPlan.class)
                .configureAggregate(org.nrm.referral.model.PublicReport.class);
    }

    /**
     * The stored event format: its own mapper, so web or engine Jackson settings can never change how the legal
     * record is written. Personal data inside events is encrypted with the person's key.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper(PersonalDataModule personalData) {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(personalData)
                .addModule(new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The web's mapper (declaring the Axon one above would otherwise replace it). */
    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.build();
    }

    /**
     * An aggregate's state holds no personal data (its events carry it for the record), so while a command is handled
     * the events the aggregate is loaded from are read with personal data withheld: no key looked up, nothing
     * decrypted. New events are written in full; serializing is not affected.
     */
    @Bean
    ConfigurerModule commandsWithholdPersonalData() {
        return configurer -> configurer.onInitialize(config -> config.onStart(() -> config.commandBus()
                .registerHandlerInterceptor((unitOfWork, chain) -> PersonalDataWithheld.during(chain::proceed))));
    }

    /** Correlation and causation ids, so every event can be traced to the command that caused it. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** The actor and agency of a command are copied onto every event it causes. */
    @Bean
    CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(Actor.USER_KEY, Actor.AGENCY_KEY);
    }

    /** How many of an aggregate's events one read fetches (Axon's default). */
    public static final int AGGREGATE_BATCH = 100;

    /**
     * Axon's JDBC storage engine as its auto-configuration builds it, but an aggregate's events end with the first
     * batch holding fewer than a batch's worth: Axon's default for JDBC reads on until a batch comes back empty, in
     * case an aggregate's sequence numbers have gaps, which costs every command a second, empty read. This store has
     * none: an aggregate's events are appended with consecutive sequence numbers under a unique key, nothing deletes
     * an event (erasure shreds keys, it keeps the events), and the store is not split over several engines.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver exceptions,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connections, TransactionManager transactions,
                                          ObjectProvider<EventSchema> schema) {
        return endingAggregateReadsAtAShortBatch(JdbcEventStorageEngine.builder())
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(exceptions)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema.getIfAvailable(EventSchema::new))
                .build();
    }

    /** An aggregate's read ends with its first batch of fewer than {@link #AGGREGATE_BATCH} events. */
    public static JdbcEventStorageEngine.Builder endingAggregateReadsAtAShortBatch(
            JdbcEventStorageEngine.Builder builder) {
        return builder.batchSize(AGGREGATE_BATCH)
                .finalAggregateBatchPredicate(batch -> batch.size() < AGGREGATE_BATCH);
    }

    /** Two concurrent steps on one case: the loser's duplicate sequence number becomes a ConcurrencyException. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JurisdictionRules jurisdictionRules(JurisdictionProperties jurisdiction) {
        return jurisdiction.rules();
    }
}
