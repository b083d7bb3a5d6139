package org.nrm.projections.shelters;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads shelter occupancy. */
@Component
public class Shelters {

    private final JdbcTemplate jdbc;

    public Shelters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<ShelterView> all() {
        return jdbc.query("SELECT * FROM shelter_view ORDER BY type, name", (rs, i) -> new ShelterView(
                rs.getString("shelter_id"), rs.getString("name"), rs.getString("type"), rs.getInt("capacity"),
                rs.getInt("occupied")));
    }
}
