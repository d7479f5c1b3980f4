package uk.nhs.opd.pathway.events;

import java.time.Instant;

/**
 * Reads the instants the contract writes ({@code 2024-01-10T10:00:00Z}, optionally with a fraction of up to nine
 * digits) straight from the parser's characters: {@link Instant#parse} goes through a general formatter and was a
 * quarter of a rebuild's decoding time. Anything else (other years, offsets, leap seconds, errors) is left to
 * {@link Instant#parse}, so the results and the failures are exactly its own.
 */
final class IsoInstants {

    private static final int SHORTEST = "2000-01-01T00:00:00Z".length();

    private IsoInstants() {
    }

    static Instant parse(char[] text, int offset, int length) {
        Instant fast = length >= SHORTEST && length <= SHORTEST + 10 ? fast(text, offset, length) : null;
        return fast != null ? fast : Instant.parse(new String(text, offset, length));
    }

    private static Instant fast(char[] t, int o, int length) {
        if (t[o + 4] != '-' || t[o + 7] != '-' || t[o + 10] != 'T' || t[o + 13] != ':' || t[o + 16] != ':'
                || t[o + length - 1] != 'Z') {
            return null;
        }
        int year = digits(t, o, 4);
        int month = digits(t, o + 5, 2);
        int day = digits(t, o + 8, 2);
        int hour = digits(t, o + 11, 2);
        int minute = digits(t, o + 14, 2);
        int second = digits(t, o + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        int fraction = length - SHORTEST - 1; // digits after the point, if there is one
        if (length > SHORTEST) {
            if (t[o + 19] != '.' || fraction < 1) {
                return null;
            }
            nanos = digits(t, o + 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long seconds = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The number written in {@code count} ASCII digits, or -1 if one is not a digit. */
    private static int digits(char[] t, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            int digit = t[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (years 0–9999 here). */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
