package io.palisade.audit.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the audit webhook ({@code palisade.audit.*}). The API server's own defaults are 400
 * events and at most 10 MiB per batch, so the defaults leave room.
 *
 * @param maxBodySize the largest request body accepted (413 above it)
 * @param maxEvents the most events accepted in one request (413 above it)
 */
@Validated
@ConfigurationProperties("palisade.audit")
public record AuditWebhookProperties(
    @DefaultValue("16MB") @NotNull DataSize maxBodySize,
    @DefaultValue("5000") @Positive int maxEvents) {}
