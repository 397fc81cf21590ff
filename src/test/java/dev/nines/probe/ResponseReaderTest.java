package dev.nines.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {
  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Feeds {@code s} one byte at a time, as the slowest network would; true once complete. */
  private static boolean trickle(ResponseReader r, String s) throws ProtocolException {
    boolean complete = false;
    for (char c : s.toCharArray()) {
      complete = r.feed(bytes(String.valueOf(c)));
    }
    return complete;
  }

  private static String body(ResponseReader r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void aBodyOfContentLengthIsCompleteAtItsLastByteEvenInOneByteReads() throws Exception {
    ResponseReader r = new ResponseReader(false, 1024);
    String head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: 5\r\n\r\n";

    assertThat(trickle(r, head + "hell")).isFalse();
    assertThat(r.status()).isEqualTo(200);
    assertThat(trickle(r, "o")).isTrue();
    assertThat(body(r)).isEqualTo("hello");
    assertThat(r.contentType()).isEqualTo("text/plain; charset=utf-8");
  }

  @Test
  void aChunkedBodyIsDecodedWithExtensionsAndTrailers() throws Exception {
    String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;name=value\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n";
    ResponseReader whole = new ResponseReader(false, 1024);
    ResponseReader trickled = new ResponseReader(false, 1024);

    assertThat(whole.feed(bytes(response))).isTrue();
    assertThat(trickle(trickled, response)).isTrue();
    assertThat(body(whole)).isEqualTo("hello 0123456789");
    assertThat(body(trickled)).isEqualTo("hello 0123456789");
  }

  @Test
  void aBodyToTheEndOfTheConnectionEndsWithIt() throws Exception {
    ResponseReader r = new ResponseReader(false, 1024);

    assertThat(r.feed(bytes("HTTP/1.0 200 OK\nServer: old\n\nline one\nline two"))).isFalse();
    assertThat(r.end()).isTrue();
    assertThat(body(r)).isEqualTo("line one\nline two");
  }

  @Test
  void informationalAnswersAreSkipped() throws Exception {
    ResponseReader r = new ResponseReader(false, 1024);

    assertThat(r.feed(bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n"
        + "Link: </a.css>\r\n\r\n"))).isFalse();
    assertThat(r.status()).isEqualTo(-1);
    assertThat(r.feed(bytes("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"))).isTrue();
    assertThat(r.status()).isEqualTo(201);
    assertThat(body(r)).isEqualTo("ok");
  }

  @Test
  void headNoContentAndNotModifiedHaveNoBodyWhateverTheirLength() throws Exception {
    ResponseReader head = new ResponseReader(true, 1024);
    ResponseReader noContent = new ResponseReader(false, 1024);
    ResponseReader notModified = new ResponseReader(false, 1024);

    assertThat(head.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"))).isTrue();
    assertThat(noContent.feed(bytes("HTTP/1.1 204 No Content\r\n\r\n"))).isTrue();
    assertThat(notModified.feed(bytes("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n")))
        .isTrue();
    assertThat(head.body()).isEmpty();
  }

  @Test
  void theKeptBodyStopsAtItsLimitAndThatCompletesTheResponse() throws Exception {
    ResponseReader length = new ResponseReader(false, 4);
    ResponseReader chunked = new ResponseReader(false, 4);
    ResponseReader toClose = new ResponseReader(false, 4);

    assertThat(length.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n123456"))).isTrue();
    assertThat(chunked.feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "6\r\n123456\r\n"))).isTrue();
    assertThat(toClose.feed(bytes("HTTP/1.1 200 OK\r\n\r\n123456"))).isTrue();
    assertThat(body(length)).isEqualTo("1234");
    assertThat(body(chunked)).isEqualTo("1234");
    assertThat(body(toClose)).isEqualTo("1234");
  }

  @Test
  void aResponseCutOffIsAnErrorWithTheStatusKept() throws Exception {
    ResponseReader body = new ResponseReader(false, 1024);
    ResponseReader chunk = new ResponseReader(false, 1024);
    ResponseReader nothing = new ResponseReader(false, 1024);

    body.feed(bytes("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part"));
    chunk.feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel"));

    assertThatThrownBy(body::end).isInstanceOf(ProtocolException.class)
        .hasMessage("unexpected end of stream");
    assertThat(body.status()).isEqualTo(200);
    assertThatThrownBy(chunk::end).hasMessage("unexpected end of stream");
    assertThatThrownBy(nothing::end)
        .hasMessage("the server closed the connection before answering");
  }

  @Test
  void whatIsNotHttpIsRefusedByName() {
    assertThatThrownBy(() -> new ResponseReader(false, 64).feed(bytes("SSH-2.0-OpenSSH\r\n")))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("malformed response (No Status)");
    assertThatThrownBy(() -> new ResponseReader(false, 64).feed(bytes(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")))
        .hasMessage("malformed response (invalid chunked encoding)");
    assertThatThrownBy(() -> new ResponseReader(false, 64).feed(bytes(
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")))
        .hasMessage("malformed response (Invalid Content-Length Value)");
  }

  @Test
  void headersBeyondTheLimitAreRefusedWithoutWaitingForTheirEnd() throws Exception {
    ResponseReader r = new ResponseReader(false, 64);
    r.feed(bytes("HTTP/1.1 200 OK\r\n"));
    String header = "X-Filler: " + "x".repeat(1000) + "\r\n";

    assertThatThrownBy(() -> {
      for (int i = 0; i < 300; i++) {
        r.feed(bytes(header));
      }
    }).isInstanceOf(ProtocolException.class).hasMessage("response headers over 256 KiB");
  }
}
