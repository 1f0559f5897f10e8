package dev.cobra.compliance;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A country whose rules a preset implements, and how a debtor's phone and state map to time
 * zones there.
 */
public enum Jurisdiction {
    BR(AreaCodes.BRAZIL),
    US(AreaCodes.NANP),
    UK(AreaCodes.UK);

    private final AreaCodeTable table;
    /** Candidates per (area code, region), only for codes and regions in the table, so bounded. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, List<ZoneCandidate>>> cache = new ConcurrentHashMap<>();

    Jurisdiction(AreaCodeTable table) {
        this.table = table;
    }

    /**
     * Where the debtor may be when called on {@code e164}: one or more (zone, region) pairs; a
     * time is legal only if it is legal for all of them.
     *
     * <ul>
     *   <li>An operator's zone override wins outright (region: the debtor's, else the phone's).
     *   <li>The debtor's region (UF) from the import wins over the phone's area code: when both
     *       name the same region, the area code narrows the zones (DDD 87 is Recife, not Noronha);
     *       when they disagree the debtor may be at either, so both regions' zones are candidates.
     *   <li>Only an area code known: its zones. Neither: every zone of the country.
     * </ul>
     */
    public List<ZoneCandidate> candidates(String e164, String region, ZoneId zoneOverride) {
        String code = table.codeOf(e164);
        if (zoneOverride != null || (code != null && table.regionOf(code) == null)
                || (region != null && table.zonesOfRegion(region) == null)) {
            return resolve(code, region, zoneOverride);
        }
        String codeKey = code == null ? "" : code;
        var byRegion = cache.get(codeKey);
        if (byRegion == null) {
            byRegion = cache.computeIfAbsent(codeKey, k -> new ConcurrentHashMap<>());
        }
        String regionKey = region == null ? "" : region;
        List<ZoneCandidate> found = byRegion.get(regionKey);
        return found != null ? found : byRegion.computeIfAbsent(regionKey, k -> resolve(code, region, null));
    }

    private List<ZoneCandidate> resolve(String code, String region, ZoneId zoneOverride) {
        String codeRegion = table.regionOf(code);
        List<ZoneId> codeZones = table.zonesOfCode(code);
        List<ZoneId> regionZones = table.zonesOfRegion(region);
        var out = new ArrayList<ZoneCandidate>(4);
        if (zoneOverride != null) {
            out.add(new ZoneCandidate(zoneOverride, region != null ? region : codeRegion));
        } else if (regionZones != null && region.equals(codeRegion)) {
            add(out, codeZones, region);
        } else if (regionZones != null) {
            add(out, regionZones, region);
            add(out, codeZones, codeRegion);
        } else if (codeZones != null) {
            add(out, codeZones, codeRegion);
        } else {
            add(out, table.allZones(), region);
        }
        return List.copyOf(out);
    }

    private static void add(List<ZoneCandidate> out, List<ZoneId> zones, String region) {
        if (zones == null) {
            return;
        }
        for (ZoneId zone : zones) {
            var candidate = new ZoneCandidate(zone, region);
            if (!out.contains(candidate)) {
                out.add(candidate);
            }
        }
    }

    /** The region (UF, state) of a phone's area code, or null. */
    public String regionOfNumber(String e164) {
        return table.regionOf(table.codeOf(e164));
    }

    AreaCodeTable table() {
        return table;
    }
}
