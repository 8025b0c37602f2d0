package io.palisade.audit.logfile;

import java.nio.file.Path;

/**
 * A line that is not a valid audit event, with where it was found and why it was refused. Its bytes
 * are the raw line (not redacted), so they may only go where secrets may go (a dead-letter topic),
 * never to the log.
 *
 * @param file the file as it was named when read
 * @param identity device and inode of the file
 * @param offset where the line starts in the file
 * @param bytes the line; empty when it was too large to keep
 * @param reason a stable, machine-readable reason, e.g. {@code malformed-json}
 * @param message what was wrong
 */
public record RejectedLine(
    Path file, FileIdentity identity, long offset, byte[] bytes, String reason, String message) {}
