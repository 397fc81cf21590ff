package dev.nines.probe;

import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * One HTTP/1.1 response read from bytes as they arrive, for {@link ProbeLoop}, by Jetty's
 * {@link HttpParser} (the parser of the server the API runs on): the status line and headers
 * (informational 1xx answers skipped), then the body as the headers frame it (none for HEAD,
 * 204 and 304; {@code Content-Length}; chunked; or up to the end of the connection), of which
 * the first {@code maxBodyBytes} are kept. The response is complete once its framing says so
 * or the kept body is full: a check needs no more.
 */
final class ResponseReader {
  /** Bytes of status line and headers accepted, as OkHttp's limit. */
  static final int MAX_HEAD_BYTES = 256 * 1024;

  private final int maxBodyBytes;
  private final HttpParser parser;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private int status = -1;
  private boolean headers;
  /** Bytes fed before the headers were complete: the head and what came with it. */
  private long headBytes;
  private String contentType;
  private String location;
  private boolean complete;
  private ProtocolException bad;
  private boolean chunked;
  private boolean atEnd;
  private boolean brokeOff;

  /** A reader for the answer to a request; {@code head} when the request was HEAD. */
  ResponseReader(boolean head, int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
    // Twice the limit: the limit is kept here (Jetty's own check trips an assertion when it
    // reports an oversized response head).
    this.parser = new HttpParser(new Handler(), 2 * MAX_HEAD_BYTES, HttpCompliance.RFC7230);
    parser.setHeadResponse(head);
  }

  /** The status code, or -1 until the final status line and headers have been read. */
  int status() {
    return headers ? status : -1;
  }

  /** The {@code Content-Type} header, or null. */
  String contentType() {
    return contentType;
  }

  /** The {@code Location} header, or null. */
  String location() {
    return location;
  }

  /** The kept body bytes. */
  byte[] body() {
    return body.toByteArray();
  }

  /**
   * Takes the bytes remaining in {@code in}.
   *
   * @return true when the response is complete (bytes after it are ignored)
   * @throws ProtocolException for a response that is not HTTP/1.x or breaks its framing
   */
  boolean feed(ByteBuffer in) throws ProtocolException {
    if (!headers) {
      headBytes += in.remaining();
      if (headBytes > MAX_HEAD_BYTES && parser.inHeaderState()) {
        throw new ProtocolException("response headers over " + MAX_HEAD_BYTES / 1024 + " KiB");
      }
    }
    while (!complete && in.hasRemaining()) {
      boolean stopped = parser.parseNext(in);
      failIfBad();
      if (brokeOff && !complete) {
        // Jetty stops a body whose framing it cannot follow as if the stream had ended.
        throw new ProtocolException("malformed response (" + (chunked
            ? "invalid chunked encoding" : "invalid body framing") + ")");
      }
      if (stopped && !complete && informational()) {
        parser.reset(); // An informational answer (100 Continue, 103 Early Hints): next one.
        headers = false;
        headBytes = in.remaining();
        contentType = null;
        location = null;
      } else if (!stopped && in.hasRemaining()) {
        break; // Cannot happen with a parser that consumes what it is given; be safe.
      }
    }
    if (complete) {
      in.position(in.limit());
    }
    return complete;
  }

  private boolean informational() {
    return headers && status >= 100 && status < 200 && status != 101;
  }

  /**
   * The server closed the connection.
   *
   * @return true when that ends the response (a body framed by the close)
   * @throws ProtocolException when the response was cut off
   */
  boolean end() throws ProtocolException {
    if (complete) {
      return true;
    }
    boolean nothing = parser.isStart() && status < 0;
    atEnd = true;
    parser.atEOF();
    parser.parseNext(ByteBuffer.allocate(0));
    failIfBad();
    if (complete) {
      return true;
    }
    if (nothing) {
      throw new ProtocolException("the server closed the connection before answering");
    }
    throw new ProtocolException("unexpected end of stream");
  }

  private void failIfBad() throws ProtocolException {
    if (bad != null) {
      throw bad;
    }
  }

  private final class Handler implements HttpParser.ResponseHandler {
    @Override public void startResponse(HttpVersion version, int code, String reason) {
      status = code;
    }

    @Override public void parsedHeader(HttpField field) {
      if (field.getHeader() == HttpHeader.TRANSFER_ENCODING) {
        chunked |= field.contains("chunked");
      } else if (field.getHeader() == HttpHeader.CONTENT_TYPE) {
        contentType = field.getValue();
      } else if (field.getHeader() == HttpHeader.LOCATION) {
        location = field.getValue();
      }
    }

    @Override public boolean headerComplete() {
      headers = true;
      return false;
    }

    @Override public boolean content(ByteBuffer content) {
      int room = maxBodyBytes - body.size();
      int n = Math.min(room, content.remaining());
      if (content.hasArray()) {
        body.write(content.array(), content.arrayOffset() + content.position(), n);
      } else {
        byte[] bytes = new byte[n];
        content.duplicate().get(bytes);
        body.write(bytes, 0, n);
      }
      content.position(content.limit());
      if (body.size() >= maxBodyBytes) {
        complete = true;
        return true;
      }
      return false;
    }

    @Override public boolean contentComplete() {
      return false;
    }

    @Override public boolean messageComplete() {
      if (!informational()) {
        complete = true;
      }
      return true;
    }

    @Override public void earlyEOF() {
      // At the end of the stream, end() reports it; before, the body's framing broke.
      brokeOff = !atEnd;
    }

    @Override public void badMessage(HttpException failure) {
      bad = new ProtocolException("malformed response (" + (failure.getReason() != null
          ? failure.getReason() : "unparseable") + ")");
    }
  }
}
