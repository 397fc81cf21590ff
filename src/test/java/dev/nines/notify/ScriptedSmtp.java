package dev.nines.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A real SMTP server on a loopback port that refuses every recipient with
 * {@code 550 5.1.1 <address>: mailbox unavailable}, for the permanent-failure path GreenMail
 * does not take.
 */
final class ScriptedSmtp implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;

  ScriptedSmtp() throws IOException {
    socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    thread = Thread.ofVirtual().start(this::serve);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
            StandardCharsets.US_ASCII));
        OutputStream out = s.getOutputStream();
        say(out, "220 scripted ESMTP");
        for (String line; (line = in.readLine()) != null; ) {
          String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
          switch (cmd) {
            case "EHLO", "HELO" -> say(out, "250 scripted");
            case "MAIL" -> say(out, "250 2.1.0 ok");
            case "RCPT" -> say(out, "550 5.1.1 " + line.substring(line.indexOf(':') + 1).strip()
                + ": mailbox unavailable");
            case "QUIT" -> {
              say(out, "221 bye");
              return;
            }
            default -> say(out, "250 ok");
          }
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void say(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override public void close() throws IOException {
    socket.close();
  }
}
