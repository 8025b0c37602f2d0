package io.palisade.admission.review;

/** A Kubernetes {@code {group, version, kind}}; the core group is the empty string. */
public record GroupVersionKind(String group, String version, String kind) {}
