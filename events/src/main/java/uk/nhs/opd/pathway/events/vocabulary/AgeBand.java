package uk.nhs.opd.pathway.events.vocabulary;

import java.time.LocalDate;
import java.time.Period;

/** The age bands used for monitoring (seed 001 §2.2): the only trace of a date of birth outside the seal. */
public final class AgeBand {

    private AgeBand() {
    }

    /** "18-24", "25-34", "35-44", "45-54", "55-64" or "65+" on the given day. */
    public static String on(LocalDate dateOfBirth, LocalDate day) {
        int age = Period.between(dateOfBirth, day).getYears();
        if (age < 25) {
            return "18-24";
        } else if (age < 35) {
            return "25-34";
        } else if (age < 45) {
            return "35-44";
        } else if (age < 55) {
            return "45-54";
        } else if (age < 65) {
            return "55-64";
        }
        return "65+";
    }
}
