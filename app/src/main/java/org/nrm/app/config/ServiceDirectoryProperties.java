package org.nrm.app.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nrm.referral.api.ServiceProviderOffer;
import org.nrm.referral.api.SupportNeed;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The jurisdiction's directory of service providers ({@code nrm.jurisdiction.service-providers}) and the interval at
 * which support plans are reviewed ({@code nrm.jurisdiction.support-plan-review-days}, 90). Each provider: its id,
 * name, the agency whose staff act for it (an agency of the jurisdiction, or a registered partner organisation, itself
 * listed under {@code nrm.jurisdiction.agencies}), the services it offers, languages (ISO 639-2), regions, capacity
 * (open referrals at once; 0: no limit) and whether it takes children.
 */
@ConfigurationProperties("nrm.jurisdiction")
public record ServiceDirectoryProperties(List<ServiceProvider> serviceProviders,
                                         @DefaultValue("90") int supportPlanReviewDays) {

    public record ServiceProvider(String id, String name, String agency, @DefaultValue("false") boolean partner,
                                  Set<SupportNeed> services, List<String> languages, List<String> regions,
                                  @DefaultValue("0") int capacity, @DefaultValue("false") boolean takesChildren) {

        public ServiceProvider {
            services = services == null ? Set.of() : Set.copyOf(services);
            languages = languages == null ? List.of() : List.copyOf(languages);
            regions = regions == null ? List.of() : List.copyOf(regions);
        }

        public ServiceProviderOffer offer() {
            return new ServiceProviderOffer(id, agency, services, takesChildren);
        }
    }

    public ServiceDirectoryProperties {
        serviceProviders = serviceProviders == null ? List.of() : List.copyOf(serviceProviders);
        if (supportPlanReviewDays < 1) {
            throw new IllegalArgumentException("nrm.jurisdiction.support-plan-review-days must be at least 1");
        }
        for (ServiceProvider provider : serviceProviders) {
            if (provider.id() == null || provider.id().isBlank() || provider.agency() == null
                    || provider.agency().isBlank()) {
                throw new IllegalArgumentException("each of nrm.jurisdiction.service-providers needs an id and an agency");
            }
        }
    }

    public Optional<ServiceProvider> provider(String id) {
        return serviceProviders.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Whether the agency's staff act for a provider of the directory. */
    public boolean operatesProvider(String agency) {
        return serviceProviders.stream().anyMatch(p -> p.agency().equals(agency));
    }
}
