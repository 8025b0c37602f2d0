package io.palisade.correlation.detect;

import io.palisade.avro.EvidenceSource;

/**
 * One match counted by a correlation group (state, stored as JSON).
 *
 * @param time event time, epoch ms
 * @param position which of the correlation's {@code rules} matched (its index)
 * @param value the counted field's value (value_count), else null
 * @param evidenceId the evidence record's id
 * @param evidenceKey the evidence's identity across records (audit ID), so a request counts once
 * @param source which evidence topic it came from
 * @param ingestTime the evidence's ingest time, epoch ms
 */
record CorrelationEntry(
    long time,
    int position,
    String value,
    String evidenceId,
    String evidenceKey,
    EvidenceSource source,
    long ingestTime) {}
