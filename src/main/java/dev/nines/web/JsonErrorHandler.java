package dev.nines.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error answers (a URI or headers too long, a broken request line, an HTTP version it
 * does not speak) in the house shape: JSON {@code {"error": "request: ... Expected ..."}},
 * with no HTML page, server name or stack.
 */
final class JsonErrorHandler extends ErrorHandler {
  /** What Jetty takes of request line and headers (its default request header size). */
  static final String HEADER_LIMIT = "Expected at most 8 KiB of request line and headers";

  JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowOrigin(false);
  }

  @Override protected void generateResponse(Request request, Response response, int code,
      String message, Throwable cause, Callback callback) {
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(Map.of("error", "request: " + describe(code)));
    } catch (JsonProcessingException e) {
      body = "{\"error\":\"request: refused\"}".getBytes(StandardCharsets.UTF_8);
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override public ByteBuffer badMessageError(int status, String reason,
      org.eclipse.jetty.http.HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    try {
      return ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(Map.of("error", "request: "
          + describe(status))));
    } catch (JsonProcessingException e) {
      return ByteBuffer.wrap("{\"error\":\"request: refused\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The problem a status stands for, in the house shape (without Jetty's own words). */
  static String describe(int code) {
    return switch (code) {
      case 400 -> "is not a well-formed HTTP/1.1 request. Expected a request line, a Host "
          + "header and percent-encoding that decodes";
      case 413 -> "the body is too large. Expected a smaller body";
      case 414 -> "the URI is too long. " + HEADER_LIMIT;
      case 431 -> "the headers are too large. " + HEADER_LIMIT;
      case 505 -> "the HTTP version is not supported. Expected HTTP/1.0 or HTTP/1.1";
      default -> "refused with " + code + " (" + HttpStatus.getMessage(code) + ")";
    };
  }
}
