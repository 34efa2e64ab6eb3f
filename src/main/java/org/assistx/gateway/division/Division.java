package org.assistx.gateway.division;

/**
 * One entry of the statistical division list.
 *
 * <p>The code fields are those of the list itself: {@code cityCode} is the statistical 4-digit city
 * code (for example {@code 5002} or {@code 4690}), not the city a division belongs to for policy
 * purposes; use {@link DivisionRegistry#cityKeyOf(String)} for that. The code of the entry's own level
 * and of every level above it is filled in (a county's {@code countyCode} is its own code); levels
 * below it are {@code null} (a city has no {@code countyCode}).
 *
 * @param code         2 (province), 4 (city), 6 (county) or 9 (township) digits
 * @param name         official name, for example {@code 小寨路街道}
 * @param level        level of the entry
 * @param countyCode   6-digit county code, {@code null} for provinces and cities
 * @param cityCode     4-digit statistical city code, {@code null} for provinces
 * @param provinceCode 2-digit province code
 */
public record Division(String code, String name, Level level, String countyCode, String cityCode,
                       String provinceCode) {

    /** Level of a division in the list. */
    public enum Level {
        /** 省级: 2-digit code. */
        PROVINCE,
        /** 地级 (statistical city): 4-digit code. */
        CITY,
        /** 县级 (county, district, county-level city): 6-digit code. */
        COUNTY,
        /** 乡级 (sub-district, town, township): 9-digit code. */
        TOWNSHIP
    }
}
