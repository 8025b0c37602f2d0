package io.palisade.admission.review;

/**
 * An incoming {@code AdmissionReview} envelope. The answer must carry the same {@code apiVersion}
 * and {@code kind}.
 */
public record AdmissionReview(String apiVersion, String kind, AdmissionRequest request) {}
