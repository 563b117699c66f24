package dev.vmtrace.cli;

import dev.vmtrace.engine.input.BadInputException;

/** Carries a {@link BadInputException} through code that cannot throw checked exceptions. */
final class UncheckedBadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedBadInput(BadInputException cause) {
        super(cause);
    }
}
