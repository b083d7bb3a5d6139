package org.nrm.projections.shelters;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads shelter occupancy and placements (exact: written in the commands' own transactions). */
@Component
public class Shelters {

    private static final String COLUMNS = "SELECT shelter_id, name, type, capacity, occupied, groups, retired "
            + "FROM shelter_view";

    private final JdbcTemplate jdbc;

    public Shelters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The shelters in service. */
    public List<ShelterView> all() {
        return jdbc.query(COLUMNS + " WHERE NOT retired ORDER BY type, name", Shelters::map);
    }

    /** Every shelter ever registered, retired ones included. */
    public List<ShelterView> allWithRetired() {
        return jdbc.query(COLUMNS + " ORDER BY retired, type, name", Shelters::map);
    }

    public Optional<ShelterView> find(String shelterId) {
        return jdbc.query(COLUMNS + " WHERE shelter_id = ?", Shelters::map, shelterId).stream().findFirst();
    }

    /** Where the person of a case has a bed now, if anywhere. */
    public Optional<ShelterPlacement> placementOf(String caseId) {
        return jdbc.query("SELECT case_id, shelter_id, placed_at, child, child_placement_exception "
                + "FROM shelter_placement WHERE case_id = ?", Shelters::placement, caseId).stream().findFirst();
    }

    /** Who has a bed in a shelter now. */
    public List<ShelterPlacement> placementsIn(String shelterId) {
        return jdbc.query("SELECT case_id, shelter_id, placed_at, child, child_placement_exception "
                + "FROM shelter_placement WHERE shelter_id = ? ORDER BY placed_at", Shelters::placement, shelterId);
    }

    private static ShelterView map(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("type");
        return new ShelterView(rs.getString("shelter_id"), rs.getString("name"), type, rs.getInt("capacity"),
                rs.getInt("occupied"), ShelterView.groups(rs.getString("groups"), type), rs.getBoolean("retired"));
    }

    private static ShelterPlacement placement(ResultSet rs, int row) throws SQLException {
        return new ShelterPlacement(rs.getString("case_id"), rs.getString("shelter_id"),
                rs.getTimestamp("placed_at").toInstant(), rs.getBoolean("child"),
                rs.getBoolean("child_placement_exception"));
    }
}
