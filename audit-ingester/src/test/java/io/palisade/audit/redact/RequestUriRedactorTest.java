package io.palisade.audit.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestUriRedactorTest {

  private final RequestUriRedactor redactor = new RequestUriRedactor();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/v1/pods?access_token=abc|/api/v1/pods?access_token=<redacted>|1",
        "/api/v1/pods?limit=5&TOKEN=abc&watch=true|/api/v1/pods?limit=5&TOKEN=<redacted>&watch=true|1",
        "/api/v1/namespaces/a/pods/b/proxy/x?id_token=a&refresh_token=b|/api/v1/namespaces/a/pods/b/proxy/x?id_token=<redacted>&refresh_token=<redacted>|2",
        "/x?access%5Ftoken=abc|/x?access%5Ftoken=<redacted>|1",
        "/x?authorization=Bearer%20abc|/x?authorization=<redacted>|1",
        "/x?header=Bearer%20abc|/x?header=<redacted>|1",
        "/x?q=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln|/x?q=<redacted>|1",
        "/api/v1/namespaces/default/pods/nginx/exec?command=bash&container=nginx&stdin=true|/api/v1/namespaces/default/pods/nginx/exec?command=bash&container=nginx&stdin=true|0",
        "/api/v1/pods?token=|/api/v1/pods?token=|0",
        "/healthz|/healthz|0"
      })
  void replacesCredentialValuesKeepingNamesAndEverythingElse(
      String uri, String expected, int redacted) {
    RequestUriRedactor.Result result = redactor.redact(uri);

    assertThat(result.uri()).isEqualTo(expected);
    assertThat(result.redacted()).isEqualTo(redacted);
  }
}
