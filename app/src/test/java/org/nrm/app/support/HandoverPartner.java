package org.nrm.app.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A partner country's mechanism as a test plays it: its own Ed25519 key (JDK), the registration an administrator
 * makes of it, and packages it signs. The canonical form and the key id are written out here again (not taken from
 * the platform), so a test fails if the platform's differ from what the README tells partners.
 */
public final class HandoverPartner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String country;
    private final KeyPair pair;
    private final String keyId;

    public HandoverPartner(String country) {
        try {
            this.country = country;
            this.pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] encoded = pair.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            this.keyId = country + "-" + B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(raw))
                    .substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public String country() {
        return country;
    }

    public Map<String, Object> jwk() {
        byte[] encoded = pair.getPublic().getEncoded();
        return Map.of("kty", "OKP", "crv", "Ed25519", "kid", keyId,
                "x", B64.encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
    }

    /** The body of {@code POST /api/admin/handover-partners} for this partner's key. */
    public Map<String, Object> registration() {
        return Map.of("country", country, "keyId", keyId, "publicKey", jwk());
    }

    /**
     * A package of a national of {@code destination} identified in this partner's country (positive reasonable and
     * conclusive grounds), with the person's names when {@code givenName} is not null; not yet signed.
     */
    public ObjectNode pkg(String destination, String givenName) {
        ObjectNode pkg = JSON.createObjectNode();
        Instant now = Instant.now();
        pkg.put("format", "nrm-handover/1");
        pkg.put("packageId", UUID.randomUUID().toString());
        pkg.put("keyId", keyId);
        pkg.put("issuedAt", now.toString());
        pkg.put("expiresAt", now.plus(7, ChronoUnit.DAYS).toString());
        pkg.put("sourceCountry", country);
        pkg.put("destinationCountry", destination);
        pkg.put("sourceReference", "NRM-2026-" + UUID.randomUUID().toString().substring(0, 6));
        pkg.putObject("htcds").put("prs_Citizenship", destination).put("vic_TraffickingStatus", "Victim");
        ObjectNode profile = pkg.putObject("profile");
        profile.put("gender", "FEMALE").put("ageGroup", "ADULT").put("child", false);
        profile.putArray("citizenships").add(destination);
        profile.putArray("languages").add("eng");
        ArrayNode decisions = pkg.putArray("decisions");
        decisions.addObject().put("decision", "REASONABLE_GROUNDS").put("outcome", "POSITIVE")
                .put("decidedAt", now.minus(60, ChronoUnit.DAYS).toString()).put("decidingOrganisation", "ca-" + country);
        decisions.addObject().put("decision", "CONCLUSIVE_GROUNDS").put("outcome", "POSITIVE")
                .put("decidedAt", now.minus(10, ChronoUnit.DAYS).toString()).put("decidingOrganisation", "ca-" + country);
        pkg.putNull("riskAssessment");
        pkg.putNull("reintegrationPlan");
        pkg.putArray("services");
        pkg.put("personalDataIncluded", givenName != null);
        if (givenName != null) {
            pkg.putObject("personalData").put("givenName", givenName).put("familyName", "Returner")
                    .put("birthDate", "1991-04-02");
        } else {
            pkg.putNull("personalData");
        }
        return pkg;
    }

    /** The package with its digest, signed: {@code {"package", "signature", "keyId"}}. */
    public Map<String, Object> signed(ObjectNode pkg) {
        try {
            pkg.remove("contentDigest");
            pkg.put("contentDigest", B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical(pkg))));
            return envelope(pkg, sign(canonical(pkg)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> envelope(ObjectNode pkg, String signature) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("package", pkg);
        out.put("signature", signature);
        out.put("keyId", keyId);
        return out;
    }

    public String sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(pair.getPrivate());
            signature.update(content);
            return B64.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Members of every object sorted by name, no whitespace (as the README describes the signed form). */
    public static byte[] canonical(Object json) {
        try {
            return JSON.writeValueAsBytes(sorted(JSON.convertValue(json, Object.class)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put((String) k, sorted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(HandoverPartner::sorted).toList();
        }
        return value;
    }

    /** Whether {@code signature} (base64url) is a valid Ed25519 signature of {@code content} by the JWK's key. */
    public static boolean verifies(Map<String, Object> jwk, byte[] content, String signature) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode((String) jwk.get("x"));
            byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
            byte[] encoded = Arrays.copyOf(prefix, 44);
            System.arraycopy(raw, 0, encoded, 12, 32);
            var key = java.security.KeyFactory.getInstance("Ed25519")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(encoded));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(content);
            return verifier.verify(Base64.getUrlDecoder().decode(signature));
        } catch (Exception e) {
            return false;
        }
    }
}
