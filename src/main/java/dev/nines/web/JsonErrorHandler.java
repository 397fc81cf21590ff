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
 * with no HTML page, server name or stack; an unknown HTTP version is a 400, the client's
 * mistake, not Jetty's 505.
 */
final class JsonErrorHandler extends ErrorHandler {
  /** What Jetty takes of request line and headers (its default request header size). */
  static final String HEADER_LIMIT = "Expected at most 8 KiB of request line and headers";

  JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowOrigin(false);
  }

  /** Every method gets the JSON body, not only GET, POST and HEAD (Jetty's default). */
  @Override public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override protected void generateResponse(Request request, Response response, int code,
      String message, Throwable cause, Callback callback) {
    if (code == 505) {
      // A request line with no HTTP version Jetty speaks is the client's fault: no 5xx for it.
      response.setStatus(400);
    }
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
      case 404 -> "no such resource. Expected a path of the API (see /openapi.json) or the "
          + "console";
      case 405 -> "the method is not allowed here. Expected one the route takes";
      case 413 -> "the body is too large. Expected a smaller body";
      case 414 -> "the URI is too long. " + HEADER_LIMIT;
      case 431 -> "the headers are too large. " + HEADER_LIMIT;
      case 505 -> "the request line names no HTTP version this server speaks. Expected "
          + "METHOD PATH HTTP/1.1 (or HTTP/1.0)";
      default -> "refused with " + code + " (" + HttpStatus.getMessage(code) + ")";
    };
  }
}
