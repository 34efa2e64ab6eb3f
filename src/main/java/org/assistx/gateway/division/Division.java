package org.assistx.gateway.division;

/**
 * One administrative division of the national statistical list.
 *
 * @param code         2 (province), 4 (city), 6 (county) or 9 (township) digits
 * @param countyCode   the 6-digit county, or null above county level
 * @param cityCode     the 4-digit city, or null for a province
 */
public record Division(String code, String name, Level level, String countyCode, String cityCode,
        String provinceCode) {

    public enum Level { PROVINCE, CITY, COUNTY, TOWNSHIP }
}
