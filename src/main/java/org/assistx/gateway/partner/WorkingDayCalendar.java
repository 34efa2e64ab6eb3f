package org.assistx.gateway.partner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * Which days are working days in China: Monday to Friday, except the public holidays (法定节假日), plus the
 * weekends worked in exchange (调休上班), for every year the calendar file covers. A year it does not cover
 * falls back to Monday to Friday.
 *
 * <p>The file ({@code calendar/cn-working-days.csv} on the class path, or any file named by
 * {@code assistx.ops.working-day-calendar}) has one line per day, {@code date,HOLIDAY|WORKDAY,what}, and one
 * {@code year,yyyy,source} line per covered year naming the official notice it comes from; {@code #} starts
 * a comment. A day outside a declared year, a weekday marked WORKDAY or a weekend day marked both ways is
 * refused at start-up.
 */
public final class WorkingDayCalendar {

    /** The calendar shipped with the gateway. */
    public static final String BUILT_IN = "calendar/cn-working-days.csv";

    private static final String INVALID = Code.WORKING_DAY_CALENDAR_INVALID.name();

    private final Map<Integer, String> sources;
    private final Map<LocalDate, Boolean> exceptions;
    private final String origin;

    private WorkingDayCalendar(Map<Integer, String> sources, Map<LocalDate, Boolean> exceptions, String origin) {
        this.sources = Map.copyOf(sources);
        this.exceptions = Map.copyOf(exceptions);
        this.origin = origin;
    }

    /** Monday to Friday for every year (no file). */
    public static WorkingDayCalendar mondayToFriday() {
        return new WorkingDayCalendar(Map.of(), Map.of(), "Monday-Friday");
    }

    /** The built-in calendar. */
    public static WorkingDayCalendar builtIn() {
        try (InputStream in = WorkingDayCalendar.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new GatewayException(INVALID, "the built-in calendar " + BUILT_IN + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + BUILT_IN);
        } catch (IOException e) {
            throw new GatewayException(INVALID, "the built-in calendar cannot be read: " + e.getMessage(), e);
        }
    }

    /** The calendar in this file, or the built-in one when {@code file} is null or blank. */
    public static WorkingDayCalendar load(String file) {
        if (file == null || file.isBlank()) {
            return builtIn();
        }
        try {
            return parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new GatewayException(INVALID, "working-day calendar " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses the text of a calendar file; {@code origin} names it in messages. */
    public static WorkingDayCalendar parse(String text, String origin) {
        Map<Integer, String> sources = new TreeMap<>();
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = origin + " line " + (i + 1) + ": ";
            String[] f = line.split(",", 3);
            if (f.length < 3 || f[2].isBlank()) {
                throw new GatewayException(INVALID, where + "expected date,HOLIDAY|WORKDAY,what or year,yyyy,source");
            }
            if (f[0].equals("year")) {
                if (!f[1].matches("\\d{4}")) {
                    throw new GatewayException(INVALID, where + "a year has four digits");
                }
                sources.put(Integer.parseInt(f[1]), f[2].strip());
                continue;
            }
            LocalDate day;
            try {
                day = LocalDate.parse(f[0]);
            } catch (DateTimeParseException e) {
                throw new GatewayException(INVALID, where + "not a date yyyy-MM-dd: " + f[0]);
            }
            if (!sources.containsKey(day.getYear())) {
                throw new GatewayException(INVALID, where + day.getYear() + " has no year line naming its source");
            }
            boolean working = switch (f[1]) {
                case "HOLIDAY" -> false;
                case "WORKDAY" -> true;
                default -> throw new GatewayException(INVALID, where + "the kind is HOLIDAY or WORKDAY, not " + f[1]);
            };
            if (working && !weekend(day)) {
                throw new GatewayException(INVALID, where + day + " is a weekday: only a weekend day can be a WORKDAY");
            }
            if (exceptions.containsKey(day) && exceptions.get(day) != working) {
                throw new GatewayException(INVALID, where + day + " is listed as HOLIDAY and as WORKDAY");
            }
            exceptions.put(day, working);
        }
        return new WorkingDayCalendar(sources, exceptions, origin);
    }

    /** Whether people work on this day. */
    public boolean isWorkingDay(LocalDate day) {
        Boolean exception = exceptions.get(day);
        return exception != null ? exception : !weekend(day);
    }

    /** Whether the calendar knows the holidays of this year (otherwise it counts Monday to Friday). */
    public boolean covers(int year) {
        return sources.containsKey(year);
    }

    /** The covered years and the notice each comes from. */
    public Map<Integer, String> sources() {
        return sources;
    }

    /** Where the calendar was read from. */
    public String origin() {
        return origin;
    }

    /** The years among these that the calendar does not cover. */
    public Set<Integer> missing(int... years) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int y : years) {
            if (!covers(y)) {
                out.add(y);
            }
        }
        return out;
    }

    private static boolean weekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
