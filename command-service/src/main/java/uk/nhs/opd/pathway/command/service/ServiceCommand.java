package uk.nhs.opd.pathway.command.service;

import uk.nhs.opd.pathway.command.api.PathwayCommand;
import uk.nhs.opd.pathway.command.problem.ErrorCode;

/** A command to one service's stream. */
interface ServiceCommand extends PathwayCommand {

    String serviceId();

    @Override
    default String streamId() {
        return serviceId();
    }

    @Override
    default ErrorCode notFoundCode() {
        return ErrorCode.SERVICE_NOT_FOUND;
    }
}
