package io.palisade.notify.email;

/**
 * One notification email before it is addressed: subject, plain-text body and HTML body (sent as
 * {@code multipart/alternative}, so every mail client shows one of them).
 */
public record EmailMessage(String subject, String text, String html) {}
