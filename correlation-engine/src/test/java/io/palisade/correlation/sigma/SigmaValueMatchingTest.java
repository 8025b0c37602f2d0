package io.palisade.correlation.sigma;

import static io.palisade.correlation.sigma.SigmaTestRules.selects;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Plain values, wildcards, escapes, null and every supported modifier. */
class SigmaValueMatchingTest {

  @Test
  void plainValuesAreCaseInsensitiveAndWhole() {
    assertThat(selects("verb: Create", "{\"verb\":\"create\"}")).isTrue();
    assertThat(selects("verb: create", "{\"verb\":\"CREATE\"}")).isTrue();
    assertThat(selects("verb: create", "{\"verb\":\"created\"}")).isFalse();
    assertThat(selects("verb: create", "{}")).isFalse();
  }

  @Test
  void mapsAreAndListsAreOrAndListsOfMapsAreOr() {
    String rule = "verb: create\nobjectRef.resource: [pods, secrets]";
    assertThat(selects(rule, "{\"verb\":\"create\",\"objectRef\":{\"resource\":\"secrets\"}}"))
        .isTrue();
    assertThat(selects(rule, "{\"verb\":\"delete\",\"objectRef\":{\"resource\":\"secrets\"}}"))
        .isFalse();
    assertThat(selects(rule, "{\"verb\":\"create\",\"objectRef\":{\"resource\":\"configmaps\"}}"))
        .isFalse();
    SigmaRule listOfMaps =
        SigmaTestRules.auditRule(
            "selection:\n  - verb: delete\n  - objectRef.resource: secrets\ncondition: selection");
    assertThat(listOfMaps.matches(SigmaTestRules.event("{\"verb\":\"delete\"}"))).isTrue();
    assertThat(
            listOfMaps.matches(SigmaTestRules.event("{\"objectRef\":{\"resource\":\"secrets\"}}")))
        .isTrue();
    assertThat(listOfMaps.matches(SigmaTestRules.event("{\"verb\":\"get\"}"))).isFalse();
  }

  @Test
  void numbersAndBooleansCompareAsText() {
    assertThat(selects("responseStatus.code: [401, 403]", "{\"responseStatus\":{\"code\":403}}"))
        .isTrue();
    assertThat(selects("responseStatus.code: 403", "{\"responseStatus\":{\"code\":\"403\"}}"))
        .isTrue();
    assertThat(selects("responseStatus.code: 'ALLOW'", "{\"responseStatus\":{\"code\":403}}"))
        .isFalse();
    assertThat(selects("a.privileged: true", "{\"a\":{\"privileged\":true}}")).isTrue();
    assertThat(selects("a.privileged: true", "{\"a\":{\"privileged\":false}}")).isFalse();
  }

  @Test
  void wildcardsMatchAnyRunAndOneCharacter() {
    assertThat(
            selects(
                "user.username: 'system:serviceaccount:*'",
                "{\"user\":{\"username\":\"system:serviceaccount:kube-system:x\"}}"))
        .isTrue();
    assertThat(selects("user.username: '*:admin'", "{\"user\":{\"username\":\"cluster:ADMIN\"}}"))
        .isTrue();
    assertThat(selects("user.username: '*adm*'", "{\"user\":{\"username\":\"sysadmin1\"}}"))
        .isTrue();
    assertThat(selects("user.username: 'a*c*e'", "{\"user\":{\"username\":\"abcde\"}}")).isTrue();
    assertThat(selects("user.username: 'a*c*e'", "{\"user\":{\"username\":\"abcdef\"}}")).isFalse();
    assertThat(selects("user.username: 'bo?'", "{\"user\":{\"username\":\"bob\"}}")).isTrue();
    assertThat(selects("user.username: 'bo?'", "{\"user\":{\"username\":\"bo\"}}")).isFalse();
    assertThat(selects("user.username: 'bo?'", "{\"user\":{\"username\":\"bobb\"}}")).isFalse();
    assertThat(selects("user.username: 'line*end'", "{\"user\":{\"username\":\"line\\nend\"}}"))
        .isTrue();
  }

  @Test
  void aLoneStarMatchesAnyPresentValueIncludingObjects() {
    assertThat(
            selects(
                "hostPath: '*'",
                "{\"requestObject\":{\"spec\":{\"volumes\":[{\"hostPath\":{\"path\":\"/\"}}]}}}"))
        .isTrue();
    assertThat(selects("x: '*'", "{\"x\":\"\"}")).isTrue();
    assertThat(selects("x: '*'", "{\"x\":null}")).isFalse();
    assertThat(selects("x: '*'", "{}")).isFalse();
  }

  @Test
  void escapesMakeWildcardsAndBackslashesPlain() {
    assertThat(selects("x: 'a\\*b'", "{\"x\":\"a*b\"}")).isTrue();
    assertThat(selects("x: 'a\\*b'", "{\"x\":\"axxb\"}")).isFalse();
    assertThat(selects("x: 'a\\?'", "{\"x\":\"a?\"}")).isTrue();
    assertThat(selects("x: 'a\\?'", "{\"x\":\"ab\"}")).isFalse();
    // \\* is a backslash followed by a wildcard
    assertThat(selects("x: 'c:\\\\*'", "{\"x\":\"c:\\\\windows\"}")).isTrue();
    // a backslash before anything else is itself; \\\\ is two backslashes
    assertThat(selects("x: 'c:\\windows'", "{\"x\":\"c:\\\\windows\"}")).isTrue();
    assertThat(selects("x: 'a\\\\\\\\b'", "{\"x\":\"a\\\\\\\\b\"}")).isTrue();
    // \\\* is a backslash and a plain star
    assertThat(selects("x: 'a\\\\\\*'", "{\"x\":\"a\\\\*\"}")).isTrue();
    assertThat(selects("x: 'a\\\\\\*'", "{\"x\":\"a\\\\b\"}")).isFalse();
  }

  @Test
  void nullMatchesAbsentOrNullFields() {
    assertThat(selects("objectRef.subresource: null", "{\"objectRef\":{\"resource\":\"pods\"}}"))
        .isTrue();
    assertThat(selects("objectRef.subresource: null", "{\"objectRef\":{\"subresource\":null}}"))
        .isTrue();
    assertThat(selects("objectRef.subresource: null", "{\"objectRef\":{\"subresource\":\"exec\"}}"))
        .isFalse();
    assertThat(
            selects(
                "objectRef.subresource: [null, exec]",
                "{\"objectRef\":{\"subresource\":\"exec\"}}"))
        .isTrue();
    assertThat(
            selects(
                "objectRef.subresource: [null, exec]", "{\"objectRef\":{\"subresource\":\"log\"}}"))
        .isFalse();
  }

  @Test
  void containsStartswithEndswith() {
    String uri =
        "{\"requestURI\":\"/api/v1/namespaces/default/pods/web/exec?command=%2Fbin%2Fsh\"}";
    assertThat(selects("requestURI|contains: '%2fbin%2fsh'", uri)).isTrue();
    assertThat(selects("requestURI|contains: '/pods/*/exec'", uri)).isTrue();
    assertThat(selects("requestURI|startswith: '/API/v1/'", uri)).isTrue();
    assertThat(selects("requestURI|startswith: '/apis/'", uri)).isFalse();
    assertThat(selects("requestURI|endswith: '%2Fsh'", uri)).isTrue();
    assertThat(selects("requestURI|endswith: 'bash'", uri)).isFalse();
    assertThat(selects("requestURI|contains: ['bash', 'sh']", uri)).isTrue();
  }

  @Test
  void allRequiresEveryValue() {
    String uri = "{\"requestURI\":\"/exec?command=curl&command=http%3A%2F%2Fevil\"}";
    assertThat(selects("requestURI|contains|all: ['command=curl', 'evil']", uri)).isTrue();
    assertThat(selects("requestURI|contains|all: ['command=curl', 'wget']", uri)).isFalse();
    assertThat(
            selects(
                "user.groups|all: ['system:masters', 'system:authenticated']",
                "{\"user\":{\"groups\":[\"system:authenticated\",\"system:masters\"]}}"))
        .isTrue();
  }

  @Test
  void casedMatchesCaseSensitively() {
    assertThat(selects("verb|cased: create", "{\"verb\":\"create\"}")).isTrue();
    assertThat(selects("verb|cased: create", "{\"verb\":\"Create\"}")).isFalse();
    assertThat(selects("userAgent|contains|cased: 'Kubectl'", "{\"userAgent\":\"kubectl/1\"}"))
        .isFalse();
    assertThat(selects("userAgent|contains|cased: 'Kubectl'", "{\"userAgent\":\"x Kubectl/1\"}"))
        .isTrue();
    assertThat(selects("userAgent|cased: 'K*l/?'", "{\"userAgent\":\"Kubectl/1\"}")).isTrue();
    assertThat(selects("userAgent|cased: 'K*l/?'", "{\"userAgent\":\"kubectl/1\"}")).isFalse();
  }

  @Test
  void regexIsCaseSensitiveUnanchoredWithFlags() {
    String uri = "{\"requestURI\":\"/exec?command=BASH\\n&tty=true\"}";
    assertThat(selects("requestURI|re: 'command=(ba)?sh'", "{\"requestURI\":\"x?command=sh\"}"))
        .isTrue();
    assertThat(selects("requestURI|re: 'command=bash'", uri)).isFalse();
    assertThat(selects("requestURI|re|i: 'command=bash'", uri)).isTrue();
    assertThat(selects("requestURI|re: 'BASH$'", uri)).isFalse();
    assertThat(selects("requestURI|re|m: 'BASH$'", uri)).isTrue();
    assertThat(selects("requestURI|re: 'BASH.&tty'", uri)).isFalse();
    assertThat(selects("requestURI|re|s: 'BASH.&tty'", uri)).isTrue();
    assertThat(selects("requestURI|re: '^/exec'", uri)).isTrue();
  }

  @Test
  void cidrMatchesIpv4AndIpv6Networks() {
    assertThat(
            selects("sourceIPs|cidr: 10.0.0.0/8", "{\"sourceIPs\":[\"192.168.1.1\",\"10.1.2.3\"]}"))
        .isTrue();
    assertThat(selects("sourceIPs|cidr: 10.0.0.0/8", "{\"sourceIPs\":[\"11.0.0.1\"]}")).isFalse();
    assertThat(
            selects(
                "sourceIPs|cidr: ['172.16.0.0/12', '192.168.0.0/16']",
                "{\"sourceIPs\":[\"172.31.255.255\"]}"))
        .isTrue();
    assertThat(selects("sourceIPs|cidr: 172.16.0.0/12", "{\"sourceIPs\":[\"172.32.0.1\"]}"))
        .isFalse();
    assertThat(selects("sourceIPs|cidr: 'fd00::/8'", "{\"sourceIPs\":[\"fd12:3456::1\"]}"))
        .isTrue();
    assertThat(selects("sourceIPs|cidr: 'fd00::/8'", "{\"sourceIPs\":[\"fe80::1\"]}")).isFalse();
    assertThat(selects("sourceIPs|cidr: 10.0.0.0/8", "{\"sourceIPs\":[\"not-an-ip.example\"]}"))
        .isFalse();
    assertThat(selects("sourceIPs|cidr: 0.0.0.0/0", "{\"sourceIPs\":[\"8.8.8.8\"]}")).isTrue();
  }

  @Test
  void existsChecksPresenceEvenOfNull() {
    assertThat(
            selects("impersonatedUser|exists: true", "{\"impersonatedUser\":{\"username\":\"x\"}}"))
        .isTrue();
    assertThat(selects("impersonatedUser|exists: true", "{\"impersonatedUser\":null}")).isTrue();
    assertThat(selects("impersonatedUser|exists: true", "{}")).isFalse();
    assertThat(selects("impersonatedUser|exists: false", "{}")).isTrue();
    assertThat(selects("impersonatedUser|exists: false", "{\"impersonatedUser\":{}}")).isFalse();
  }

  @Test
  void numericComparisons() {
    String code = "{\"responseStatus\":{\"code\":403}}";
    assertThat(selects("responseStatus.code|gte: 400", code)).isTrue();
    assertThat(selects("responseStatus.code|gt: 403", code)).isFalse();
    assertThat(selects("responseStatus.code|gt: 402.5", code)).isTrue();
    assertThat(selects("responseStatus.code|lt: 500", code)).isTrue();
    assertThat(selects("responseStatus.code|lte: 402", code)).isFalse();
    assertThat(selects("responseStatus.code|lt: 500", "{\"responseStatus\":{\"code\":\"403\"}}"))
        .isTrue();
    assertThat(selects("responseStatus.code|lt: 500", "{\"responseStatus\":{\"code\":\"n/a\"}}"))
        .isFalse();
    assertThat(selects("responseStatus.code|lt: 500", "{}")).isFalse();
  }

  @Test
  void base64MatchesTheEncodedValue() {
    // "kubectl" in base64 is a3ViZWN0bA==
    assertThat(selects("x|base64: kubectl", "{\"x\":\"a3ViZWN0bA==\"}")).isTrue();
    assertThat(selects("x|base64: kubectl", "{\"x\":\"A3ViZWN0bA==\"}")).isFalse();
    assertThat(selects("x|base64|contains: kubectl", "{\"x\":\"--a3ViZWN0bA==--\"}")).isTrue();
  }

  @Test
  void base64offsetFindsTheValueAtAnyOffset() {
    java.util.Base64.Encoder encoder = java.util.Base64.getEncoder();
    for (String text :
        new String[] {
          "curl http://x", "a curl http://x", "ab curl http://x", "abc curl http://x y"
        }) {
      String encoded =
          encoder.encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(selects("x|base64offset|contains: 'curl http'", "{\"x\":\"" + encoded + "\"}"))
          .as(text)
          .isTrue();
    }
    String other =
        encoder.encodeToString("wget http://x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(selects("x|base64offset|contains: 'curl http'", "{\"x\":\"" + other + "\"}"))
        .isFalse();
  }

  @Test
  void base64OffsetsAreThoseOfPySigma() {
    // pySigma's documented example: base64offset|contains of "/bin/bash"
    assertThat(
            FieldConditionCompiler.base64Offsets(
                "/bin/bash".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .containsExactly("L2Jpbi9iYXNo", "9iaW4vYmFza", "vYmluL2Jhc2");
  }

  @Test
  void fieldrefComparesTwoFieldsOfTheEvent() {
    String same = "{\"user\":{\"username\":\"Alice\"},\"objectRef\":{\"name\":\"alice\"}}";
    String other = "{\"user\":{\"username\":\"alice\"},\"objectRef\":{\"name\":\"bob\"}}";
    assertThat(selects("objectRef.name|fieldref: user.username", same)).isTrue();
    assertThat(selects("objectRef.name|fieldref: user.username", other)).isFalse();
    assertThat(selects("objectRef.name|fieldref|cased: user.username", same)).isFalse();
    assertThat(selects("objectRef.name|fieldref: missing.field", same)).isFalse();
  }

  @Test
  void arraysAreMatchedElementWise() {
    String pod =
        "{\"requestObject\":{\"spec\":{\"containers\":[{\"name\":\"a\"},"
            + "{\"name\":\"b\",\"securityContext\":{\"privileged\":true}}]}}}";
    assertThat(selects("requestObject.spec.containers.securityContext.privileged: true", pod))
        .isTrue();
    assertThat(selects("requestObject.spec.containers.name: b", pod)).isTrue();
    assertThat(selects("requestObject.spec.containers.name: c", pod)).isFalse();
  }

  @Test
  void auditAliasesReachTheRequestObject() {
    String pod =
        "{\"objectRef\":{\"apiGroup\":\"apps\"},\"requestObject\":{\"spec\":{\"initContainers\":"
            + "[{\"securityContext\":{\"capabilities\":{\"add\":[\"SYS_ADMIN\"]}}}]}}}";
    assertThat(selects("capabilities: SYS_ADMIN", pod)).isTrue();
    assertThat(selects("apiGroup: apps", pod)).isTrue();
    String dropOnly =
        "{\"requestObject\":{\"spec\":{\"containers\":[{\"securityContext\":{\"capabilities\":{\"drop\":[\"ALL\"]}}}]}}}";
    assertThat(selects("capabilities: '*'", dropOnly)).isFalse();
  }
}
