package org.assistx.gateway.ingress.soap;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.Instant;
import java.time.LocalDate;

/** {@code xs:date} as {@link LocalDate} and {@code xs:dateTime} as {@link Instant} (written in UTC). */
final class XmlDates {

    private XmlDates() {
    }

    /** {@code yyyy-MM-dd}. */
    static final class Day extends XmlAdapter<String, LocalDate> {
        @Override
        public LocalDate unmarshal(String v) {
            return v == null ? null : LocalDate.parse(v.strip());
        }

        @Override
        public String marshal(LocalDate v) {
            return v == null ? null : v.toString();
        }
    }

    /** An instant, {@code 2026-09-01T08:00:00Z}; an offset other than {@code Z} is read too. */
    static final class Moment extends XmlAdapter<String, Instant> {
        @Override
        public Instant unmarshal(String v) {
            return v == null ? null : java.time.OffsetDateTime.parse(v.strip()).toInstant();
        }

        @Override
        public String marshal(Instant v) {
            return v == null ? null : v.toString();
        }
    }
}
