package org.nrm.workflow;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Lists of dates travel through the engine as one text variable (ISO instants, comma-separated): the engine stores
 * no serialized Java objects. The model turns them back into dates with {@code ${mechanismDates.list(...)}}.
 */
@Component("mechanismDates")
public class MechanismDates {

    public static String join(Collection<Instant> instants) {
        return instants.stream().map(Instant::toString).collect(Collectors.joining(","));
    }

    public List<Date> list(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(String::trim).map(Instant::parse).map(Date::from).toList();
    }
}
