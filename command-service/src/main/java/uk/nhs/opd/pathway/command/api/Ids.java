package uk.nhs.opd.pathway.command.api;

/** The shape of ids callers may choose (person, service, referral): short, printable, no separators that need escaping. */
public final class Ids {

    /** Letters, digits, '-', '_' and '.', starting with a letter or digit; at most 64 characters. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private Ids() {
    }
}
