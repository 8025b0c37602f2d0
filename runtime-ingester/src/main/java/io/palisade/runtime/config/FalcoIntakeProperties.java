package io.palisade.runtime.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the Falco endpoint ({@code palisade.falco.*}).
 *
 * @param maxBodySize the largest alert accepted (413 above it); Falco sends one alert per request
 */
@Validated
@ConfigurationProperties("palisade.falco")
public record FalcoIntakeProperties(@DefaultValue("1MB") @NotNull DataSize maxBodySize) {}
