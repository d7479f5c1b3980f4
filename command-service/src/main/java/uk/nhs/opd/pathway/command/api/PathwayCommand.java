package uk.nhs.opd.pathway.command.api;

import uk.nhs.opd.pathway.command.problem.ErrorCode;

/** A command to one stream; it knows which refusal to give when that stream does not exist. */
public interface PathwayCommand {

    /** The id of the person or service the command is for. */
    String streamId();

    /** The code to answer when no stream with {@link #streamId()} exists. */
    ErrorCode notFoundCode();
}
