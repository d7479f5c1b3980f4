package uk.nhs.opd.pathway.command.person;

import uk.nhs.opd.pathway.command.api.PathwayCommand;
import uk.nhs.opd.pathway.command.problem.ErrorCode;

/** A command to one person's stream. */
interface PersonCommand extends PathwayCommand {

    String personId();

    @Override
    default String streamId() {
        return personId();
    }

    @Override
    default ErrorCode notFoundCode() {
        return ErrorCode.PERSON_NOT_FOUND;
    }
}
