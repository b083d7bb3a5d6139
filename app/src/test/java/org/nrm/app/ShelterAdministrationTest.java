package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nrm.app.shelters.ConfiguredShelterLoader;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Shelters as a managed resource: registered, changed and retired by the administrator (and nobody else), loaded from
 * the jurisdiction's configuration at start, with their address kept secret.
 */
class ShelterAdministrationTest extends PlatformTest {

    @Autowired
    ConfiguredShelterLoader configuredShelters;

    private static String newId() {
        return "adm-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> registration(String id) {
        return new HashMap<>(Map.of("shelterId", id, "name", "Riverside Refuge", "type", "FAMILIES",
                "capacity", 4, "groups", List.of("FAMILIES", "CHILDREN"), "address", "8 Secret Mews, Rivertown RT1"));
    }

    private JsonNode listed(String user, String id) {
        for (JsonNode shelter : as(user).get("/api/shelters").body()) {
            if (shelter.get("shelterId").asText().equals(id)) {
                return shelter;
            }
        }
        return null;
    }

    private static void assertField(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.body().get("field").asText()).as(response.toString()).isEqualTo(field);
    }

    private static void assertRule(Api.Response response, String rule) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.body().get("rule").asText()).as(response.toString()).isEqualTo(rule);
    }

    @Test
    void the_administrator_registers_changes_and_retires_a_shelter() {
        String id = newId();
        Api.Response created = as("admin").post("/api/admin/shelters", registration(id));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.location()).endsWith("/api/admin/shelters/" + id);
        assertThat(created.body().get("address").asText()).isEqualTo("8 Secret Mews, Rivertown RT1");
        assertThat(created.body().get("groups").toString()).contains("CHILDREN", "FAMILIES");

        JsonNode listed = listed("competent-authority-lead", id);
        assertThat(listed.get("capacity").asInt()).isEqualTo(4);
        assertThat(listed.get("free").asInt()).isEqualTo(4);
        assertThat(listed.get("type").asText()).isEqualTo("FAMILIES");

        Api.Response replaced = as("admin").put("/api/admin/shelters/" + id, Map.of("name", "Riverside House",
                "capacity", 6, "groups", List.of("FAMILIES"), "address", "10 Other Street, Rivertown RT2"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.body().get("name").asText()).isEqualTo("Riverside House");
        assertThat(replaced.body().get("capacity").asInt()).isEqualTo(6);
        assertThat(replaced.body().get("groups").toString()).doesNotContain("CHILDREN");
        assertThat(replaced.body().get("address").asText()).isEqualTo("10 Other Street, Rivertown RT2");

        Api.Response patched = as("admin").patch("/api/admin/shelters/" + id, Map.of("capacity", 3));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().get("capacity").asInt()).isEqualTo(3);
        assertThat(patched.body().get("name").asText()).isEqualTo("Riverside House");
        assertThat(listed("shelter-provider", id).get("capacity").asInt()).isEqualTo(3);
        // the capacity went through ChangeShelterCapacity: one event per change, with its actor
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%ShelterCapacityChanged'", Integer.class, id)).isEqualTo(2);

        assertThat(as("admin").post("/api/admin/shelters/" + id + "/retirement", Map.of("reason", "Lease ended"))
                .status()).isEqualTo(204);
        assertThat(listed("shelter-provider", id)).isNull();
        assertThat(as("admin").get("/api/admin/shelters/" + id).body().get("retired").asBoolean()).isTrue();
        assertRule(as("admin").patch("/api/admin/shelters/" + id, Map.of("capacity", 5)), "shelter-retired");
        assertRule(as("admin").post("/api/admin/shelters/" + id + "/retirement", Map.of()), "shelter-retired");
    }

    @Test
    void only_the_administrator_manages_shelters() {
        String id = newId();
        for (String user : List.of("shelter-provider", "shelter-provider-lead", "police", "rapporteur")) {
            assertThat(as(user).post("/api/admin/shelters", registration(id)).status()).as(user).isEqualTo(403);
            assertThat(as(user).patch("/api/admin/shelters/shelter-women-north", Map.of("capacity", 1)).status())
                    .as(user).isEqualTo(403);
            assertThat(as(user).post("/api/admin/shelters/shelter-women-north/retirement", Map.of()).status())
                    .as(user).isEqualTo(403);
        }
        assertThat(anonymous().post("/api/admin/shelters", registration(id)).status()).isEqualTo(401);
        assertThat(as("admin").get("/api/admin/shelters/" + id).status()).isEqualTo(404);
    }

    @Test
    void bad_input_is_refused_naming_the_field_and_nothing_is_registered() {
        String id = newId();
        var noType = registration(id);
        noType.remove("type");
        assertField(as("admin").post("/api/admin/shelters", noType), "type");
        var negative = registration(id);
        negative.put("capacity", -1);
        assertField(as("admin").post("/api/admin/shelters", negative), "capacity");
        // a number too large for its field is well-formed JSON: the field is named, with its range (found from outside)
        var huge = registration(id);
        huge.put("capacity", 99_999_999_999L);
        Api.Response tooLarge = as("admin").post("/api/admin/shelters", huge);
        assertField(tooLarge, "capacity");
        assertThat(tooLarge.body().get("detail").asText())
                .isEqualTo("'capacity' is out of range (a whole number from -2147483648 to 2147483647).");
        var badId = registration(id);
        badId.put("shelterId", "Not An Id!");
        assertField(as("admin").post("/api/admin/shelters", badId), "shelterId");
        var childrenInMens = registration(id);
        childrenInMens.put("type", "ADULT_MEN");
        childrenInMens.put("groups", List.of("ADULT_MEN", "CHILDREN"));
        assertField(as("admin").post("/api/admin/shelters", childrenInMens), "groups");
        var unknownGroup = registration(id);
        unknownGroup.put("groups", List.of("PETS"));
        assertThat(as("admin").post("/api/admin/shelters", unknownGroup).body().get("field").asText())
                .startsWith("groups");
        assertThat(as("admin").get("/api/admin/shelters/" + id).status()).isEqualTo(404);

        assertThat(as("admin").post("/api/admin/shelters", registration(id)).status()).isEqualTo(201);
        assertRule(as("admin").post("/api/admin/shelters", registration(id)), "shelter-already-registered");
        assertField(as("admin").put("/api/admin/shelters/" + id, Map.of("name", "X", "capacity", 2)), "address");
        assertField(as("admin").patch("/api/admin/shelters/" + id, Map.of("name", " ")), "name");
        assertThat(as("admin").patch("/api/admin/shelters/" + id, Map.of()).status()).isEqualTo(400);
        assertThat(as("admin").put("/api/admin/shelters/no-such-shelter", Map.of("name", "X", "capacity", 2,
                "groups", List.of("FAMILIES"), "address", "a")).status()).isEqualTo(404);
    }

    @Test
    void capacity_never_goes_below_the_beds_in_use_and_an_occupied_shelter_is_not_retired() {
        String id = newId();
        var body = registration(id);
        body.put("type", "ADULT_WOMEN");
        body.put("groups", List.of("ADULT_WOMEN"));
        body.put("capacity", 2);
        assertThat(as("admin").post("/api/admin/shelters", body).status()).isEqualTo(201);
        String caseId = refer(referralOfAdult());
        String rg = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        as("competent-authority").post("/api/tasks/" + rg + "/complete", Map.of("outcome", "POSITIVE", "reasons", "ok"));
        String task = awaitTask("shelter-provider", caseId, "shelter-placement");
        assertThat(as("shelter-provider").post("/api/tasks/" + task + "/complete",
                Map.of("outcome", "PLACED", "shelterId", id)).status()).isEqualTo(204);

        assertRule(as("admin").patch("/api/admin/shelters/" + id, Map.of("capacity", 0)), "capacity-below-occupancy");
        // the whole change is refused: the new name is not kept either
        assertRule(as("admin").patch("/api/admin/shelters/" + id, Map.of("name", "Renamed", "capacity", 0)),
                "capacity-below-occupancy");
        assertThat(as("admin").get("/api/admin/shelters/" + id).body().get("name").asText())
                .isEqualTo("Riverside Refuge");
        assertRule(as("admin").post("/api/admin/shelters/" + id + "/retirement", Map.of()), "shelter-occupied");
        assertThat(as("admin").patch("/api/admin/shelters/" + id, Map.of("capacity", 1)).status()).isEqualTo(200);
    }

    @Test
    void a_shelters_address_is_seen_by_the_shelter_provider_and_the_administrator_only() {
        String id = newId();
        assertThat(as("admin").post("/api/admin/shelters", registration(id)).status()).isEqualTo(201);

        assertThat(listed("shelter-provider", id).get("address").asText()).isEqualTo("8 Secret Mews, Rivertown RT1");
        assertThat(listed("shelter-provider-lead", id).get("address").asText()).isEqualTo("8 Secret Mews, Rivertown RT1");
        for (String user : List.of("competent-authority-lead", "police-lead", "rapporteur")) {
            JsonNode seen = listed(user, id);
            assertThat(seen).as(user).isNotNull();
            assertThat(seen.has("address")).as(user).isFalse();
            assertThat(as(user).get("/api/shelters").body().toString()).as(user).doesNotContain("Secret Mews");
        }
        assertThat(as("rapporteur").get("/api/admin/shelters").status()).isEqualTo(403);
        // encrypted in the event store, with the shelter's own key; no view holds it
        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = 0", String.class, id);
        assertThat(stored).doesNotContain("Secret Mews").contains("\"subject\":\"shelter:" + id + "\"");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM shelter_view WHERE shelter_id = ? "
                + "AND row_to_json(shelter_view)::text LIKE '%Secret%'", Integer.class, id)).isZero();
    }

    @Test
    void the_jurisdictions_configured_shelters_are_registered_at_start_and_never_twice() throws Exception {
        JsonNode families = null;
        for (JsonNode shelter : as("admin").get("/api/admin/shelters").body()) {
            if (shelter.get("shelterId").asText().equals("shelter-families-east")) {
                families = shelter;
            }
        }
        assertThat(families).isNotNull();
        assertThat(families.get("type").asText()).isEqualTo("FAMILIES");
        assertThat(families.get("groups").toString()).contains("FAMILIES", "CHILDREN");
        assertThat(families.get("address").asText()).isEqualTo("9 Orchard Close, Eastham EH3 9OC");
        assertThat(as("shelter-provider").get("/api/shelters").body().findValuesAsText("shelterId"))
                .contains("shelter-women-north", "shelter-men-harbour", "shelter-children-willow",
                        "shelter-families-east");
        String registeredBy = jdbc.queryForObject("SELECT convert_from(metadata, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = 'shelter-children-willow' AND sequencenumber = 0", String.class);
        assertThat(registeredBy).contains("jurisdiction-configuration");

        configuredShelters.run(null); // as a restart does
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE "
                + "'%ShelterRegistered' AND aggregateidentifier LIKE 'shelter-%'", Integer.class)).isEqualTo(4);
    }
}
