package uk.nhs.opd.pathway.command.api;

import org.springframework.stereotype.Component;

/**
 * Who is sending the current command, recorded on every event as {@code actor}. Until authentication is in
 * place every caller is the same unauthenticated local user.
 */
@Component
public class Actor {

    static final String UNAUTHENTICATED = "unauthenticated";

    public String current() {
        return UNAUTHENTICATED;
    }
}
