package io.palisade.intake;

/**
 * The JSON body of every error an intake answers: a stable machine-readable {@code reason} and a
 * message for humans that names the input and what was wrong.
 */
public record ApiError(int status, String reason, String message) {}
