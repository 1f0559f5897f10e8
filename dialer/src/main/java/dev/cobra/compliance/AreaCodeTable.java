package dev.cobra.compliance;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Area code to region (state) and zones, and region to zones, for one country. An area code
 * that covers only part of a state spanning zones lists its own zones. Built once; immutable
 * after construction.
 */
final class AreaCodeTable {
    private final String countryPrefix;
    private final int codeLength;
    private final Map<String, String> regionByCode = new HashMap<>();
    private final Map<String, List<ZoneId>> zonesByRegion = new HashMap<>();
    private final Map<String, List<ZoneId>> zonesByCode = new HashMap<>();

    AreaCodeTable(String countryPrefix, int codeLength) {
        this.countryPrefix = countryPrefix;
        this.codeLength = codeLength;
    }

    /** A region with its zones (the first is where codes default) and its area codes. */
    AreaCodeTable region(String region, String zoneIds, String codes) {
        List<ZoneId> zones = zones(zoneIds);
        zonesByRegion.put(region, zones);
        for (String code : codes.split(" ")) {
            if (regionByCode.put(code, region) != null) {
                throw new IllegalStateException("area code " + code + " listed twice");
            }
            zonesByCode.put(code, zones.subList(0, 1));
        }
        return this;
    }

    /** The zones of one area code, when it differs from its region's first zone. */
    AreaCodeTable code(String code, String zoneIds) {
        if (!regionByCode.containsKey(code)) {
            throw new IllegalStateException("area code " + code + " has no region");
        }
        zonesByCode.put(code, zones(zoneIds));
        return this;
    }

    private static List<ZoneId> zones(String ids) {
        return Arrays.stream(ids.split(" ")).map(ZoneId::of).toList();
    }

    /** The area code of a number in this country, or null. */
    String codeOf(String e164) {
        int from = countryPrefix.length();
        return e164.startsWith(countryPrefix) && e164.length() >= from + codeLength + 4
                ? e164.substring(from, from + codeLength)
                : null;
    }

    String regionOf(String code) {
        return code == null ? null : regionByCode.get(code);
    }

    List<ZoneId> zonesOfCode(String code) {
        return code == null ? null : zonesByCode.get(code);
    }

    List<ZoneId> zonesOfRegion(String region) {
        return region == null ? null : zonesByRegion.get(region);
    }

    Map<String, String> regionByCode() {
        return Map.copyOf(regionByCode);
    }

    List<ZoneId> allZones() {
        return zonesByRegion.values().stream().flatMap(List::stream).distinct()
                .sorted(Comparator.comparing(ZoneId::getId)).toList();
    }
}
